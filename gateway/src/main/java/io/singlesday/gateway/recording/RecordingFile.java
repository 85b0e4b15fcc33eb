package io.singlesday.gateway.recording;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Appends recorded requests to a file, one JSON object per line, from a thread of its own: serving never waits
 * for the disk. When the disk falls behind and the queue is full, a line is dropped and counted rather than
 * slowing the gateway down.
 */
public class RecordingFile {

    private static final Logger log = LoggerFactory.getLogger(RecordingFile.class);

    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(100_000);
    private final BufferedWriter out;
    private final Counter recorded;
    private final Counter dropped;
    private final Thread writer;
    private volatile boolean open = true;

    public RecordingFile(Path file, MeterRegistry meters) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the recording file " + file, e);
        }
        this.recorded = meters.counter("festival.gateway.recording.lines", "outcome", "written");
        this.dropped = meters.counter("festival.gateway.recording.lines", "outcome", "dropped");
        this.writer = Thread.ofPlatform().daemon().name("request-recorder").start(this::drain);
        log.info("Recording every routed request to {}", file.toAbsolutePath());
    }

    public void append(String line) {
        if (!lines.offer(line)) {
            dropped.increment();
        }
    }

    private void drain() {
        List<String> batch = new ArrayList<>();
        while (open || !lines.isEmpty()) {
            try {
                String first = lines.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                lines.drainTo(batch, 1_000);
                for (String line : batch) {
                    out.write(line);
                    out.write('\n');
                }
                out.flush();
                recorded.increment(batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                log.error("Could not write the recording; {} lines lost", batch.size(), e);
                dropped.increment(batch.size());
                batch.clear();
            }
        }
    }

    @PreDestroy
    public void close() throws IOException, InterruptedException {
        open = false;
        writer.join(5_000);
        out.close();
    }
}
