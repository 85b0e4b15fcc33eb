package io.singlesday.launcher;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

final class StackDefaults {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** A fresh stack opens five minutes before midnight, so the countdown is the first thing one sees. */
    static final OffsetDateTime COUNTDOWN_START = OffsetDateTime.of(2026, 11, 10, 23, 55, 0, 0, ZoneOffset.ofHours(8));

    /** The catalog a fresh stack starts with: loads in a few seconds, enough to browse and to load-test. */
    static final String SEED_CATALOG = "{\"brands\":1000,\"products\":10000,\"featured\":20,\"seed\":1111}";

    static final int KAFKA_PORT = 19092;
    static final int POSTGRES_PORT = 15432;
    static final int ZIPKIN_PORT = 9411;
    /** The fault switch the chaos day calls (127.0.0.1 only). */
    static final int FAULT_PORT = 8079;

    private StackDefaults() {
    }
}
