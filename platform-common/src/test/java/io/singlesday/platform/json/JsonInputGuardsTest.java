package io.singlesday.platform.json;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guards on a mapper built as every service builds its own: what they refuse, where, and what they let by. */
class JsonInputGuardsTest {

    record Address(String street, String city) {
    }

    record Body(String title, Address address, List<String> tags, Map<String, Integer> counts, Instant at,
                OffsetDateTime local, LocalDate day) {
    }

    private final JsonMapper mapper = build();

    private static JsonMapper build() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new JsonInputGuards().customize(builder);
        return builder.build();
    }

    private Body read(String json) {
        return mapper.readValue(json, Body.class);
    }

    @Test
    void ordinaryValuesPassUntouched() {
        Body body = read("""
                {"title":"Tea\\tset\\nfor two","address":{"street":"1 Road","city":"杭州"},"tags":["a","b"],"counts":{"x":1},
                 "at":"2026-11-11T00:00:00Z","local":"2026-11-11T00:00:00+08:00","day":"2026-11-11"}""");
        assertThat(body.title()).isEqualTo("Tea\tset\nfor two");
        assertThat(body.address().city()).isEqualTo("杭州");
        assertThat(body.tags()).containsExactly("a", "b");
        assertThat(body.at()).isEqualTo(Instant.parse("2026-11-11T00:00:00Z"));
        assertThat(body.day()).isEqualTo(LocalDate.of(2026, 11, 11));
    }

    @Test
    void aControlCharacterInAnyStringIsRefusedWithItsPath() {
        assertThatThrownBy(() -> read("{\"address\":{\"city\":\"Hang\\u0000zhou\"}}"))
                .isInstanceOfSatisfying(JsonInputGuards.RefusedValue.class, e -> {
                    assertThat(e.reason()).contains("control characters");
                    assertThat(e.getPath()).extracting(r -> r.getPropertyName()).containsExactly("address", "city");
                });
        assertThatThrownBy(() -> read("{\"title\":\"bell\\u0007\"}")).isInstanceOf(JsonInputGuards.RefusedValue.class);
        assertThatThrownBy(() -> read("{\"tags\":[\"ok\",\"\\u001b[31m\"]}")).isInstanceOf(JsonInputGuards.RefusedValue.class);
    }

    @Test
    void datesAtJavasLimitsOrGivenAsNumbersAreRefused() {
        assertThatThrownBy(() -> read("{\"at\":\"+999999999-12-31T23:59:59Z\"}"))
                .isInstanceOfSatisfying(JsonInputGuards.RefusedValue.class, e -> assertThat(e.reason()).contains("1900 to 9999"));
        assertThatThrownBy(() -> read("{\"local\":\"-999999999-01-01T00:00:00+00:00\"}")).isInstanceOf(JsonInputGuards.RefusedValue.class);
        assertThatThrownBy(() -> read("{\"day\":\"1899-12-31\"}")).isInstanceOf(JsonInputGuards.RefusedValue.class);
        assertThatThrownBy(() -> read("{\"at\":1731254400}")).isInstanceOfSatisfying(JsonInputGuards.RefusedValue.class,
                e -> assertThat(e.reason()).contains("not a number"));
        assertThatThrownBy(() -> read("{\"day\":20261111}")).isInstanceOf(JsonInputGuards.RefusedValue.class);
        assertThat(read("{\"day\":\"9999-12-31\"}").day()).isEqualTo(LocalDate.of(9999, 12, 31));
    }

    @Test
    void aNullElementOrNullMapValueIsRefusedButANullFieldIsStillJustAbsent() {
        assertThatThrownBy(() -> read("{\"tags\":[\"a\",null]}")).isInstanceOf(InvalidNullException.class);
        assertThatThrownBy(() -> read("{\"counts\":{\"x\":null}}")).isInstanceOf(DatabindException.class);
        assertThat(read("{\"tags\":null,\"title\":null}").tags()).isNull();
    }
}
