package io.singlesday.loadtest.replay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Plays a recording back against a gateway at any speed, keeping the requests' relative timing (an open model:
 * a slow answer never delays the next send) and their Idempotency-Keys, so a replay of retries stays retries.
 * Callers get fresh tokens from the target's {@code /dev/tokens}, one per identity.
 */
public final class Replayer {

    public static final double MIN_SPEED = 0.01;
    public static final double MAX_SPEED = 1_000;

    private final URI target;
    private final double speed;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final DevTokens tokens;

    public record Sent(RecordedRequest request, long offsetNanos, int status, long latencyNanos, String error) {
    }

    public Replayer(URI target, double speed) {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the speed must be between %s (a hundred times slower) and %,.0f times real time, not %s",
                    MIN_SPEED, MAX_SPEED, speed));
        }
        this.target = target;
        this.speed = speed;
        this.tokens = new DevTokens(target, http);
    }

    public List<Sent> replay(List<RecordedRequest> requests) throws InterruptedException {
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        if (requests.isEmpty()) {
            return sent;
        }
        long first = requests.getFirst().at().toEpochMilli() * 1_000_000L + requests.getFirst().at().getNano() % 1_000_000;
        long start = System.nanoTime();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (RecordedRequest request : requests) {
                long recorded = request.at().toEpochMilli() * 1_000_000L + request.at().getNano() % 1_000_000;
                long due = start + (long) ((recorded - first) / speed);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                senders.submit(() -> sent.add(send(request, start)));
            }
        }
        return sent;
    }

    private Sent send(RecordedRequest r, long start) {
        long sentAt = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(r.path()))
                    .timeout(Duration.ofSeconds(60))
                    .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(r.body()));
            if (r.identified()) {
                request.header("Authorization", "Bearer " + tokens.token(r.subject(), r.role(), r.brandId()));
            }
            if (r.idempotencyKey() != null) {
                request.header("Idempotency-Key", r.idempotencyKey());
            }
            if (r.prefer() != null) {
                request.header("Prefer", r.prefer());
            }
            if (r.contentType() != null) {
                request.header("Content-Type", r.contentType());
            }
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Sent(r, sentAt - start, response.statusCode(), System.nanoTime() - sentAt, null);
        } catch (Exception e) {
            return new Sent(r, sentAt - start, 0, System.nanoTime() - sentAt, e.getClass().getSimpleName());
        }
    }
}
