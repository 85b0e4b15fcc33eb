package io.singlesday.platform.idempotency;

import io.singlesday.platform.web.Problems;
import io.singlesday.platform.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC draft "The Idempotency-Key HTTP Header Field": a write sent again with the same key and the same request
 * gets the first answer replayed; the same key with another request is a 422; while the first is still running,
 * a 409. Keys are per caller. Server errors are not stored, so the client may retry them for real.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final List<String> WRITES = List.of("POST", "PUT", "PATCH", "DELETE");

    private final JdbcClient sql;
    private final JsonMapper json;
    private final List<String> requiredPaths;
    private final List<String> ownKeyPaths;
    private final AntPathMatcher paths = new AntPathMatcher();

    /**
     * @param ownKeyPaths handlers that keep the key themselves, inside the transaction of their change, because a
     *                    crash between this filter's store and the handler's commit must not run a write twice
     */
    public IdempotencyFilter(JdbcClient sql, JsonMapper json, List<String> requiredPaths, List<String> ownKeyPaths) {
        this.sql = sql;
        this.json = json;
        this.requiredPaths = requiredPaths;
        this.ownKeyPaths = ownKeyPaths;
    }

    /** 1 to 200 visible ASCII characters: for handlers that keep their keys themselves, the same rule. */
    public static boolean isValidKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    private record Stored(String hash, Integer status, String contentType, byte[] body) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!WRITES.contains(request.getMethod())
                || ownKeyPaths.stream().anyMatch(p -> paths.match(p, request.getRequestURI()))) {
            chain.doFilter(request, response);
            return;
        }
        if (key == null) {
            if (requiredPaths.stream().anyMatch(p -> paths.match(p, request.getRequestURI()))) {
                Problems.write(response, json, ProblemType.IDEMPOTENCY_KEY_REQUIRED.applyTo(Problems.of(HttpStatus.BAD_REQUEST,
                        "This write needs an Idempotency-Key header (any unique value, reused when you retry)", request)));
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (!KEY.matcher(key).matches()) {
            Problems.write(response, json, ProblemType.IDEMPOTENCY_KEY_REQUIRED.applyTo(Problems.of(HttpStatus.BAD_REQUEST,
                    "Idempotency-Key must be 1 to 200 visible ASCII characters", request)));
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String caller = auth == null || !auth.isAuthenticated() ? "anonymous" : auth.getName();
        byte[] body = request.getInputStream().readAllBytes();
        String hash = sha256(request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n",
                body);
        try {
            sql.sql("insert into idempotency_keys (caller, key, request_hash) values (?, ?, ?)")
                    .params(caller, key, hash).update();
        } catch (DuplicateKeyException seenBefore) {
            answerFromStore(caller, key, hash, request, response);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(new Replayable(request, body), recorded);
            if (recorded.getStatus() < 500) {
                sql.sql("update idempotency_keys set status = ?, content_type = ?, body = ? where caller = ? and key = ?")
                        .params(recorded.getStatus(), recorded.getContentType(), recorded.getContentAsByteArray(), caller, key)
                        .update();
                stored = true;
            }
        } finally {
            if (!stored) {
                sql.sql("delete from idempotency_keys where caller = ? and key = ? and status is null").params(caller, key).update();
            }
            recorded.copyBodyToResponse();
        }
    }

    private void answerFromStore(String caller, String key, String hash, HttpServletRequest request,
                                 HttpServletResponse response) throws IOException {
        Optional<Stored> stored = sql.sql("select request_hash, status, content_type, body from idempotency_keys where caller = ? and key = ?")
                .params(caller, key)
                .query((rs, n) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getBytes(4)))
                .optional();
        if (stored.isEmpty()) {
            Problems.write(response, json, Problems.of(HttpStatus.CONFLICT,
                    "A request with this Idempotency-Key just failed; retry it", request));
        } else if (!stored.get().hash().equals(hash)) {
            Problems.write(response, json, ProblemType.IDEMPOTENCY_KEY_REUSED.applyTo(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT,
                    "This Idempotency-Key was used for a different request", request)));
        } else if (stored.get().status() == null) {
            Problems.write(response, json, Problems.of(HttpStatus.CONFLICT,
                    "A request with this Idempotency-Key is still being processed", request));
        } else {
            response.setStatus(stored.get().status());
            if (stored.get().contentType() != null) {
                response.setContentType(stored.get().contentType());
            }
            response.setHeader("Idempotency-Replayed", "true");
            if (stored.get().body() != null) {
                response.getOutputStream().write(stored.get().body());
            }
        }
    }

    private static String sha256(String head, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once and served again to the handler. */
    private static final class Replayable extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayable(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
