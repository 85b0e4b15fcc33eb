package io.singlesday.loadtest.replay;

import java.time.Instant;

/**
 * One request as the gateway recorded it (docs/load-testing.md). {@code subject}, {@code role} and
 * {@code brandId} say who called; the replayer mints a fresh token for them, since recorded tokens expire.
 */
public record RecordedRequest(int line, Instant at, String route, String method, String path, String subject,
                              String role, String brandId, String idempotencyKey, String prefer, String contentType,
                              String body, Integer status) {

    public boolean identified() {
        return subject != null;
    }
}
