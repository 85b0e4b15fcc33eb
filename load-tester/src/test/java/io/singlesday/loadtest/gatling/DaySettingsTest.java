package io.singlesday.loadtest.gatling;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DaySettingsTest {

    private static Properties with(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsAre2019AtOneInAHundredThousandForTwoCompressedMinutes() {
        DaySettings settings = DaySettings.from(with());
        assertThat(settings.peak()).isEqualTo(5.44);
        assertThat(settings.compression()).isEqualTo(60);
        assertThat(settings.daySeconds()).isEqualTo(120);
        assertThat(settings.target()).hasToString("http://localhost:8080");
    }

    @Test
    void theRunNeverOutlastsTheCompressedDay() {
        assertThat(DaySettings.from(with("compression", "1440", "minutes", "30")).daySeconds()).isEqualTo(60);
    }

    @Test
    void aSteadyRunLastsItsMinutesWhateverTheCompression() {
        assertThat(DaySettings.from(with("steady", "20", "compression", "1440", "minutes", "3")).daySeconds()).isEqualTo(180);
    }

    @Test
    void outOfRangeValuesGetAMessageThatNamesThem() {
        assertThatThrownBy(() -> DaySettings.from(with("peak", "0"))).hasMessageContaining("peak rate");
        assertThatThrownBy(() -> DaySettings.from(with("compression", "0.5"))).hasMessageContaining("time compression");
        assertThatThrownBy(() -> DaySettings.from(with("minutes", "-1"))).hasMessageContaining("minutes");
        assertThatThrownBy(() -> DaySettings.from(with("eve", "9999"))).hasMessageContaining("eve");
        assertThatThrownBy(() -> DaySettings.from(with("shoppers", "0"))).hasMessageContaining("shoppers");
        assertThatThrownBy(() -> DaySettings.from(with("peak", "lots"))).hasMessageContaining("not a number");
        assertThatThrownBy(() -> DaySettings.from(with("target", "gateway:8080"))).hasMessageContaining("http");
        assertThatThrownBy(() -> DaySettings.from(with("steady", "-1"))).hasMessageContaining("steady");
        assertThatThrownBy(() -> DaySettings.from(with("steady", "10", "rush-share", "1"))).hasMessageContaining("rush-share");
        assertThatThrownBy(() -> DaySettings.from(with("rush-share", "0.5"))).hasMessageContaining("--steady");
        assertThat(DaySettings.from(with("steady", "10", "rush-share", "0.5")).rushShare()).isEqualTo(0.5);
    }
}
