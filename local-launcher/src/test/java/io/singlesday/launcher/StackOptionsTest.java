package io.singlesday.launcher;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackOptionsTest {

    @Test
    void defaultsAreTheFixedPortsOfTheReadme() {
        StackOptions options = LocalFestival.parse(new String[]{});
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.portOf(ServiceSpec.GATEWAY)).isEqualTo(8080);
        assertThat(options.fresh()).isFalse();
        assertThat(options.clockStart()).isNull();
        assertThat(options.dataDir().getFileName()).hasToString(".festival");
    }

    @Test
    void readsTheClockAndFreshFlags() {
        StackOptions options = LocalFestival.parse(new String[]{"run", "--fresh", "--clock-start",
                "2026-11-11T20:00:00+08:00", "--speed", "60"});
        assertThat(options.fresh()).isTrue();
        assertThat(options.clockStart()).isEqualTo(OffsetDateTime.parse("2026-11-11T20:00:00+08:00"));
        assertThat(options.clockSpeed()).isEqualTo(60.0);
    }

    @Test
    void rejectsNonsenseWithAClearMessage() {
        assertThatThrownBy(() -> LocalFestival.parse(new String[]{"--speed", "0"})).hasMessageContaining("--speed");
        assertThatThrownBy(() -> LocalFestival.parse(new String[]{"--speed", "fast"})).hasMessageContaining("--speed");
        assertThatThrownBy(() -> LocalFestival.parse(new String[]{"--clock-start", "midnight"})).hasMessageContaining("ISO");
        assertThatThrownBy(() -> LocalFestival.parse(new String[]{"--data"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LocalFestival.parse(new String[]{"--verbose"})).hasMessageContaining("Unknown option");
    }

    @Test
    void aGentleDayPlaysUnlessTheClockIsAskedForOrLoadIsDeclined() {
        assertThat(LocalFestival.playsGentleDay(new String[]{})).isTrue();
        assertThat(LocalFestival.playsGentleDay(new String[]{"run", "--fresh"})).isTrue();
        assertThat(LocalFestival.playsGentleDay(new String[]{"--no-load"})).isFalse();
        assertThat(LocalFestival.playsGentleDay(new String[]{"--speed", "60"})).isFalse();
        assertThat(LocalFestival.playsGentleDay(new String[]{"--clock-start", "2026-11-11T20:00:00+08:00"})).isFalse();
        assertThat(LocalFestival.parse(new String[]{"--no-load"}).fresh()).isFalse();
    }

    @Test
    void replicasRunSeveralInstancesOfEveryServiceEachOnItsOwnPort() {
        StackOptions one = LocalFestival.parse(new String[]{});
        ServiceSpec orders = ServiceSpec.SERVICES.get(1);
        assertThat(one.replicasOf(orders)).isEqualTo(1);

        StackOptions two = LocalFestival.parse(new String[]{"--replicas", "2"});
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            assertThat(two.replicasOf(spec)).as(spec.module()).isEqualTo(2);
            assertThat(two.portOf(spec, 2)).isEqualTo(spec.defaultPort() + 100);
        }
        assertThat(two.replicasOf(ServiceSpec.GATEWAY)).as("one front door").isEqualTo(1);
        assertThat(two.portOf(orders, 1)).isEqualTo(8082);
        assertThat(ServiceProcess.name(orders, 1)).isEqualTo("order-service");
        assertThat(ServiceProcess.name(orders, 2)).isEqualTo("order-service-2");

        assertThatThrownBy(() -> LocalFestival.parse(new String[]{"--replicas", "0"})).hasMessageContaining("--replicas must be 1 to 4");
        assertThatThrownBy(() -> LocalFestival.parse(new String[]{"--replicas", "5"})).hasMessageContaining("--replicas must be 1 to 4");
        assertThatThrownBy(() -> LocalFestival.parse(new String[]{"--replicas", "two"})).hasMessageContaining("'two'");
        assertThatThrownBy(() -> LocalFestival.parse(new String[]{"--replicas"})).hasMessageContaining("needs a value");
    }
}
