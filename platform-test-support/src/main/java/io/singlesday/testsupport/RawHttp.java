package io.singlesday.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: a hostile caller is not held to what a polite
 * client library allows (malformed escapes, raw bytes in headers, unknown methods, a body the server stops
 * reading), and the answer is read as the bytes the server sent.
 */
public final class RawHttp {

    public record Answer(int status, Map<String, String> headers, String body, long millis, String failure) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final int MAX_BODY = 1 << 20;

    private final String host;
    private final int port;
    private final Duration timeout;

    public RawHttp(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    public Answer send(String method, String target, Map<String, String> headers, byte[] body) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        write(head, method + " " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n");
        headers.forEach((name, value) -> {
            head.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes(": ".getBytes(StandardCharsets.ISO_8859_1));
            // Header values go out as the bytes of their UTF-8 form: that is what a careless client sends.
            head.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        });
        if (body != null) {
            write(head, "Content-Length: " + body.length + "\r\n");
        }
        write(head, "\r\n");
        return exchange(head.toByteArray(), body);
    }

    /** Bytes exactly as given, for requests no well-formed call can express. */
    public Answer sendBytes(byte[] request) {
        return exchange(request, null);
    }

    private Answer exchange(byte[] head, byte[] body) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head);
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException stoppedReading) {
                // The server may answer and close before a large body is sent; its answer is still there to read.
            }
            return read(socket.getInputStream(), started);
        } catch (SocketTimeoutException e) {
            return new Answer(0, Map.of(), "", millis(started), "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Answer(0, Map.of(), "", millis(started), "connection failed: " + e.getMessage());
        }
    }

    private static Answer read(InputStream in, long started) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            return new Answer(0, Map.of(), "", millis(started), "no HTTP answer (" + statusLine + ")");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        String type = headers.getOrDefault("content-type", "");
        if (status < 300 && type.startsWith("text/event-stream")) {
            return new Answer(status, headers, "", millis(started), null);
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes((int) Math.min(MAX_BODY, Long.parseLong(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = chunked(in);
        } else {
            body = in.readNBytes(MAX_BODY);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), millis(started), null);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String size = line(in); size != null; size = line(in)) {
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0 || body.size() > MAX_BODY) {
                break;
            }
            body.writeBytes(in.readNBytes(length));
            line(in);
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
