package io.singlesday.gmv.counting;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written reader agrees with Instant.parse on what it reads, and leaves everything else to it. */
class IsoInstantsTest {

    @Test
    void readsWhatInstantParseReadsForEveryFractionLength() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L), random.nextInt(1_000_000_000));
            String text = at.toString();
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
            // Every shorter fraction, and none.
            String whole = text.substring(0, 19);
            for (int digits = 0; digits <= 9; digits++) {
                String shorter = whole + (digits == 0 ? "" : "." + text.substring(20, Math.min(20 + digits, text.length() - 1))
                        .concat("000000000").substring(0, digits)) + "Z";
                assertThat(IsoInstants.parse(shorter)).as(shorter).isEqualTo(Instant.parse(shorter));
            }
        }
    }

    @Test
    void leavesOtherShapesAndImpossibleDatesToInstantParse() {
        for (String text : List.of("2016-12-31T23:59:60Z", "2026-11-11T08:00:00+08:00", "2026-02-30T00:00:00Z",
                "2024-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-11T24:00:00Z", "2026-11-11T00:00:00.Z",
                "2026-11-11T00:00:00.1234567890Z", "2026-11-11 00:00:00Z", "2026-11-1TT00:00:00Z",
                "\uff12\uff10\uff12\uff16-11-11T00:00:00Z", "2026-11-11T00:00:00", "+2026-11-11T00:00:00Z", "")) {
            Instant expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException refused) {
                assertThatThrownBy(() -> IsoInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(expected);
        }
        assertThatThrownBy(() -> IsoInstants.parse("2026-02-30T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }
}
