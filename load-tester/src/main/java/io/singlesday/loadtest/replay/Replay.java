package io.singlesday.loadtest.replay;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./festival replay FILE [--target URL] [--speed N] [--skip-bad-lines] [--summary FILE.md]}: plays a gateway
 * recording back against a running stack and writes what happened as Markdown. Exits 1 when any call failed or
 * answered a server error, 2 on bad input (which line of the file, or which option).
 */
public final class Replay {

    private Replay() {
    }

    public static void main(String[] args) throws Exception {
        Path file = null;
        URI target = URI.create("http://localhost:8080");
        double speed = 1;
        RecordingReader.BadLines policy = RecordingReader.BadLines.STOP;
        Path summary = Path.of("replay-summary.md");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--target" -> target = URI.create(args[++i]);
                    case "--speed" -> speed = Double.parseDouble(args[++i]);
                    case "--skip-bad-lines" -> policy = RecordingReader.BadLines.SKIP;
                    case "--summary" -> summary = Path.of(args[++i]);
                    default -> file = Path.of(args[i]);
                }
            }
            if (file == null || !Files.isReadable(file)) {
                throw new IllegalArgumentException("name a readable recording file (GATEWAY_RECORD_FILE of a run)");
            }
            Replayer replayer = new Replayer(target, speed);
            RecordingReader.Recording recording = RecordingReader.read(file, policy);
            recording.skipped().forEach(reason -> System.err.println("skipped " + reason));
            System.out.printf("Replaying %d requests from %s against %s at %sx%n", recording.requests().size(), file,
                    target, speed);
            List<Replayer.Sent> sent = replayer.replay(recording.requests());
            String markdown = ReplaySummary.markdown(sent, speed);
            Files.writeString(summary, markdown);
            System.out.print(markdown);
            System.out.println("Summary written to " + summary);
            // The verdict a script can act on: any server error or failed call fails the replay.
            if (sent.stream().anyMatch(s -> s.status() == 0 || s.status() >= 500)) {
                System.exit(1);
            }
        } catch (RecordingReader.BadRecording | IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            System.exit(2);
        }
    }
}
