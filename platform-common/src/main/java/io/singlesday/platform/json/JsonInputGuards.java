package io.singlesday.platform.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * What no field of any request body may hold, refused while the body is read, so the refusal is a 400 naming the
 * field and nothing downstream (PostgreSQL, the clock, a scheduled task) ever sees it: a string with a control
 * character (NUL, which PostgreSQL cannot store, and the rest of C0 but tab, line feed and carriage return), a date
 * or date-time outside the years 1900 to 9999 (Java's own limits overflow every computation made with them), a
 * date-time given as a number, and a null element in a list or a null value in a map.
 */
public final class JsonInputGuards implements JsonMapperBuilderCustomizer {

    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 9999;

    /** A value refused for what it is, not for its type; {@code reason} is in the API's words. */
    public static final class RefusedValue extends InvalidFormatException {
        private final String reason;

        RefusedValue(JsonParser parser, String reason, Object value, Class<?> type) {
            super(parser, reason, value, type);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    @Override
    public void customize(JsonMapper.Builder builder) {
        SimpleModule guards = new SimpleModule("festival-input-guards");
        guards.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                                                           ValueDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                return type == String.class || isDateTime(type) ? new Guarded(deserializer, isDateTime(type)) : deserializer;
            }
        });
        builder.addModule(guards)
                .withAllConfigOverrides(all -> all.setDefaultNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)));
    }

    private static boolean isDateTime(Class<?> type) {
        return type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class
                || type == LocalDateTime.class || type == LocalDate.class;
    }

    /** Reads the value as before, then refuses it if it is not one a request may carry. */
    private static final class Guarded extends DelegatingDeserializer {

        private final boolean dateTime;

        Guarded(ValueDeserializer<?> delegate, boolean dateTime) {
            super(delegate);
            this.dateTime = dateTime;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Guarded(delegate, dateTime);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (dateTime && parser.currentToken() != null && parser.currentToken().isNumeric()) {
                // Seconds or milliseconds since 1970 could be either; a written date-time cannot be misread.
                throw new RefusedValue(parser, "must be written as a date-time such as 2026-11-11T00:00:00Z, not a number",
                        parser.getText(), Instant.class);
            }
            return check(parser, super.deserialize(parser, context));
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context, Object into) {
            return check(parser, super.deserialize(parser, context, into));
        }

        private static Object check(JsonParser parser, Object value) {
            if (value instanceof String text && hasControlCharacter(text)) {
                throw new RefusedValue(parser, "must not contain control characters such as NUL", text, String.class);
            }
            Integer year = switch (value) {
                case Instant i -> i.atOffset(java.time.ZoneOffset.UTC).getYear();
                case OffsetDateTime o -> o.getYear();
                case ZonedDateTime z -> z.getYear();
                case LocalDateTime l -> l.getYear();
                case LocalDate d -> d.getYear();
                case null, default -> null;
            };
            if (year != null && !inRange(year)) {
                throw new RefusedValue(parser, "must be a date in the years " + FIRST_YEAR + " to " + LAST_YEAR, value,
                        value.getClass());
            }
            return value;
        }
    }

    /** Whether an instant lies in the years a request may name (query parameters use it too). */
    public static boolean inRange(Instant instant) {
        return inRange(instant.atOffset(java.time.ZoneOffset.UTC).getYear());
    }

    private static boolean inRange(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** C0 controls but tab, line feed and carriage return, and DEL: nothing a shopper types. */
    public static boolean hasControlCharacter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
