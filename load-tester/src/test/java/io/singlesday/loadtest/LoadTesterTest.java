package io.singlesday.loadtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad options end before any load is sent: exit 2, whatever Gatling would have done. */
class LoadTesterTest {

    @AfterEach
    void forgetTheOptions() {
        List.of("target", "peak", "compression", "minutes", "eve", "shoppers", "summary.file").forEach(System::clearProperty);
    }

    @Test
    void anUnknownOptionOrAMissingValueIsRefused() {
        assertThat(LoadTester.day(new String[]{"--speed", "10"})).isEqualTo(2);
        assertThat(LoadTester.day(new String[]{"--peak"})).isEqualTo(2);
    }

    @Test
    void anOutOfRangeScaleIsRefused() {
        assertThat(LoadTester.day(new String[]{"--peak", "-3"})).isEqualTo(2);
        assertThat(LoadTester.day(new String[]{"--compression", "100000"})).isEqualTo(2);
    }
}
