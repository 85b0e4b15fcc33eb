package io.singlesday.gmv.counting;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderConfirmed;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The counter's fast path for its one hot event: reads an OrderConfirmed v1 envelope straight from its bytes into
 * the few fields the figures are made of ({@link CountedSale}), skipping the ids, names and amounts they never use,
 * instead of binding the whole record (the full decode was a third of the stream thread's time). It accepts only an
 * envelope it fully understands: anything else (another type or version, a missing or mistyped field, an amount not
 * in CNY, a line without units) answers null, and the caller decodes the record the ordinary way, which counts it or
 * dead-letters it with its reason. A test holds the two paths to the same figures over many orders.
 */
final class SaleReader {

    /** What one confirmation is, to the counter. */
    record Read(UUID eventId, String traceparent, UUID orderId, CountedSale sale) {
    }

    /** Only its parser is used: no module, no binding. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Payload(UUID orderId, CountedSale sale) {
    }

    Read read(byte[] envelope) {
        try (JsonParser parser = JSON.createParser(envelope)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            UUID eventId = null;
            String type = null;
            int version = 0;
            String traceparent = null;
            boolean keyed = false;
            Payload sale = null;
            for (String field = parser.nextName(); field != null; field = parser.nextName()) {
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "eventId" -> eventId = token == JsonToken.VALUE_STRING ? UUID.fromString(parser.getString()) : null;
                    case "type" -> type = token == JsonToken.VALUE_STRING ? parser.getString() : null;
                    case "schemaVersion" -> version = token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                    case "occurredAt" -> {
                        if (token != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        IsoInstants.parse(parser.getString());
                    }
                    case "aggregateKey" -> keyed = token == JsonToken.VALUE_STRING;
                    case "traceparent" -> {
                        if (token == JsonToken.VALUE_STRING) {
                            traceparent = parser.getString();
                        } else if (token != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case "payload" -> {
                        if (!"OrderConfirmed".equals(type) || version != 1 || token != JsonToken.START_OBJECT) {
                            return null;
                        }
                        sale = payload(parser);
                        if (sale == null) {
                            return null;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            return eventId != null && keyed && sale != null && parser.nextToken() == null
                    ? new Read(eventId, traceparent, sale.orderId(), sale.sale()) : null;
        } catch (RuntimeException anythingOdd) {
            return null;
        }
    }

    private static Payload payload(JsonParser parser) {
        Instant confirmedAt = null;
        OrderConfirmed.Channel channel = null;
        OrderConfirmed.Device device = null;
        String city = null;
        String province = null;
        String livestreamId = null;
        long paid = -1;
        UUID orderId = null;
        List<CountedSale.Line> lines = null;
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case "orderId" -> orderId = UUID.fromString(string(parser, token));
                case "checkoutId", "storeId", "brandId" -> {
                    if (token == JsonToken.VALUE_STRING) {
                        uuidShaped(parser.getString());
                    } else if (token != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "confirmedAt" -> confirmedAt = token == JsonToken.VALUE_STRING ? IsoInstants.parse(parser.getString()) : null;
                case "channel" -> channel = token == JsonToken.VALUE_STRING ? OrderConfirmed.Channel.valueOf(parser.getString()) : null;
                case "device" -> device = token == JsonToken.VALUE_STRING ? OrderConfirmed.Device.valueOf(parser.getString()) : null;
                case "city" -> city = token == JsonToken.VALUE_STRING ? parser.getString() : null;
                case "province" -> province = token == JsonToken.VALUE_STRING ? parser.getString() : null;
                case "livestreamId" -> livestreamId = token == JsonToken.VALUE_STRING ? parser.getString() : null;
                case "paidTotal" -> paid = cny(parser, token);
                case "lines" -> lines = lines(parser, token);
                case "shopperId" -> {
                    if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "listTotal", "discountTotal" -> {
                    if (token == JsonToken.START_OBJECT) {
                        parser.skipChildren();
                    } else if (token != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "buyer" -> {
                    if (token == JsonToken.START_OBJECT) {
                        parser.skipChildren();
                    } else if (token != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "deliveryLatitude", "deliveryLongitude" -> {
                    if (!token.isNumeric() && token != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if (orderId == null || confirmedAt == null || channel == null || device == null || city == null || province == null
                || paid < 0 || lines == null) {
            return null;
        }
        return new Payload(orderId, new CountedSale(confirmedAt, channel, device, city, province,
                livestreamId == null || livestreamId.isBlank() ? null : livestreamId, paid, List.copyOf(lines)));
    }

    private static List<CountedSale.Line> lines(JsonParser parser, JsonToken token) {
        if (token != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("lines");
        }
        List<CountedSale.Line> lines = new ArrayList<>(4);
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            UUID brand = null;
            String origin = null;
            long category = Long.MIN_VALUE;
            int quantity = 0;
            long paid = -1;
            for (String field = parser.nextName(); field != null; field = parser.nextName()) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "brandId" -> brand = UUID.fromString(string(parser, value));
                    case "skuId", "productId" -> uuidShaped(string(parser, value));
                    case "originCountry" -> origin = string(parser, value);
                    case "categoryId" -> category = number(parser, value);
                    case "quantity" -> quantity = Math.toIntExact(number(parser, value));
                    case "paid" -> paid = cny(parser, value);
                    case "list", "discount" -> cny(parser, value);
                    default -> throw new IllegalArgumentException(field);
                }
            }
            if (brand == null || origin == null || category == Long.MIN_VALUE || quantity < 1 || paid < 0) {
                throw new IllegalArgumentException("line");
            }
            lines.add(new CountedSale.Line(brand, origin, category, quantity, paid));
        }
        if (parser.currentToken() != JsonToken.END_ARRAY || lines.isEmpty()) {
            throw new IllegalArgumentException("lines");
        }
        return lines;
    }

    /** An amount in CNY fen: {"minor": n, "currency": "CNY"}; anything else is not for the fast path. */
    private static long cny(JsonParser parser, JsonToken token) {
        if (token != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("amount");
        }
        long minor = Long.MIN_VALUE;
        String currency = null;
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "minor" -> minor = number(parser, value);
                case "currency" -> currency = string(parser, value);
                default -> throw new IllegalArgumentException(field);
            }
        }
        if (minor == Long.MIN_VALUE || !Money.CNY.equals(currency)) {
            throw new IllegalArgumentException("amount");
        }
        return minor;
    }

    private static String string(JsonParser parser, JsonToken token) {
        if (token != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("string");
        }
        return parser.getString();
    }

    private static long number(JsonParser parser, JsonToken token) {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException("number");
        }
        return parser.getLongValue();
    }

    private static void uuidShaped(String text) {
        if (text.length() != 36 || text.charAt(8) != '-' || text.charAt(13) != '-' || text.charAt(18) != '-'
                || text.charAt(23) != '-') {
            throw new IllegalArgumentException("uuid");
        }
    }
}
