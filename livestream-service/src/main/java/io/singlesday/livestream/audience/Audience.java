package io.singlesday.livestream.audience;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.singlesday.livestream.session.SessionState;
import io.singlesday.livestream.session.Sessions;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.web.ApiProblem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Who is watching, what they say and how much they like it. Counting is in memory: a join is a set entry, a like an
 * adder; no row per viewer per second. Each instance adds the other instances' shares ({@link AudienceShares}), so
 * the figures are the whole audience, not one pod's. Comments are rows (they are read back and answered),
 * and each viewer's comments pass a token bucket so a flood gets 429 before it reaches the database.
 */
@Service
public class Audience {

    public record CommentRequest(@NotBlank(message = "must not be empty") @Size(max = 200, message = "at most 200 characters") String text,
                                 boolean question) {
    }

    public record AnswerRequest(@NotBlank @Size(max = 500) String text) {
    }

    /**
     * A comment as everyone watching sees it. {@code author} is the commenter shown as marketplaces show buyers, the
     * first and last character of the account with the rest hidden ("a***7"): enough to follow a conversation, never
     * the account id itself, which the public list and the live stream would otherwise hand to anyone.
     */
    public record Comment(UUID id, UUID sessionId, String author, String text, boolean question, boolean pinned, String answer,
                          Instant postedAt) {
    }

    static String shownAs(String account) {
        if (account == null || account.length() < 3) {
            return "***";
        }
        return account.charAt(0) + "***" + account.charAt(account.length() - 1);
    }

    public record Figures(UUID sessionId, int viewers, int peakViewers, long likes, long comments) {
    }

    private static final class Counts {
        final Set<String> present = ConcurrentHashMap.newKeySet();
        final AtomicInteger peak = new AtomicInteger();
        final LongAdder likes = new LongAdder();
        final LongAdder comments = new LongAdder();
    }

    private static final Counts NONE = new Counts();

    private final JdbcClient sql;
    private final Sessions sessions;
    private final LiveFeed feed;
    private final FestivalClock clock;
    private final Map<UUID, Counts> counts = new ConcurrentHashMap<>();
    private final Cache<String, Bucket> floods = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();
    private final int burst;
    private final Duration refill;

    private final AudienceShares shares;
    private final Map<UUID, AudienceShares.Share> written = new ConcurrentHashMap<>();

    public Audience(JdbcClient sql, Sessions sessions, LiveFeed feed, FestivalClock clock, AudienceShares shares,
                    @Value("${livestream.comments.burst:3}") int burst,
                    @Value("${livestream.comments.one-more-every:2s}") Duration refill) {
        this.sql = sql;
        this.shares = shares;
        this.sessions = sessions;
        this.feed = feed;
        this.clock = clock;
        this.burst = burst;
        this.refill = refill;
        feed.figuresFrom(this::figures);
    }

    public Figures join(UUID session, String viewer) {
        live(session);
        Counts c = countsOf(session);
        c.present.add(viewer);
        c.peak.accumulateAndGet(c.present.size(), Math::max);
        return figures(session);
    }

    public Figures leave(UUID session, String viewer) {
        Counts c = counts.get(session);
        if (c == null) {
            // Nobody joined it here: whether it exists at all decides between its figures and a 404.
            sessions.find(session);
        } else {
            c.present.remove(viewer);
        }
        return figures(session);
    }

    public Figures like(UUID session) {
        live(session);
        countsOf(session).likes.increment();
        return figures(session);
    }

    public Comment comment(UUID session, String viewer, CommentRequest request) {
        live(session);
        ConsumptionProbe probe = floods.get(session + "|" + viewer, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, refill).build()).build())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            ApiProblem flood = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many comments: " + burst + " at once, then one every " + refill.toSeconds() + " s", Map.of("retryAfterSeconds", seconds));
            flood.getHeaders().set("Retry-After", String.valueOf(seconds));
            throw flood;
        }
        Comment comment = new Comment(UUID.randomUUID(), session, shownAs(viewer), request.text().strip(), request.question(),
                false, null, clock.instant());
        sql.sql("insert into comments (id, session_id, viewer_id, text, question, posted_at) values (?, ?, ?, ?, ?, ?)")
                .params(comment.id(), session, viewer, comment.text(), comment.question(), Timestamp.from(comment.postedAt())).update();
        countsOf(session).comments.increment();
        feed.publish(session, "comment", comment);
        return comment;
    }

    /** The host pins a comment (a question, usually) to the top of everyone's screen. */
    public Comment pin(UUID commentId) {
        Comment pinned = update(commentId, "update comments set pinned = true where id = ?", commentId);
        feed.publish(pinned.sessionId(), "pinned", pinned);
        return pinned;
    }

    public Comment answer(UUID commentId, AnswerRequest request) {
        Comment question = find(commentId);
        if (!question.question()) {
            throw ApiProblem.unprocessable("Comment " + commentId + " is not a question");
        }
        Comment answered = update(commentId, "update comments set answer = ? where id = ?", request.text().strip(), commentId);
        feed.publish(answered.sessionId(), "answered", answered);
        return answered;
    }

    public List<Comment> latest(UUID session, int limit) {
        sessions.find(session);
        return sql.sql("select * from comments where session_id = ? order by posted_at desc limit ?").params(session, limit)
                .query(Audience::row).list();
    }

    public SseEmitter watch(UUID session) {
        sessions.find(session);
        return feed.open(session);
    }

    /** The figures of a session that exists (404 otherwise), for anyone to read. */
    public Figures figuresOf(UUID session) {
        if (!counts.containsKey(session)) {
            sessions.find(session);
        }
        return figures(session);
    }

    /**
     * This instance's counts plus what the others last reported (within a second or so). Reading never creates
     * counts: only a join, a like or a comment on a live session does, so no caller can grow the map with ids.
     */
    public Figures figures(UUID session) {
        Counts c = counts.getOrDefault(session, NONE);
        AudienceShares.Others elsewhere = shares.others(session);
        int viewers = c.present.size() + elsewhere.viewers();
        int peak = Math.max(Math.max(c.peak.get(), elsewhere.peak()), viewers);
        return new Figures(session, viewers, peak, c.likes.sum() + elsewhere.likes(), c.comments.sum() + elsewhere.comments());
    }

    /**
     * Once a second: this instance's share goes out, the others' come in. Only shares that changed, or that still
     * have viewers (whose count must stay fresh), are written, so old sessions cost nothing.
     */
    @Scheduled(fixedDelayString = "${livestream.audience.share-every:1s}")
    public void shareCounts() {
        List<AudienceShares.Share> changed = counts.entrySet().stream()
                .map(e -> new AudienceShares.Share(e.getKey(), e.getValue().present.size(), e.getValue().likes.sum(),
                        e.getValue().comments.sum()))
                .filter(share -> share.viewers() > 0 || !share.equals(written.get(share.session())))
                .toList();
        shares.exchange(changed);
        changed.forEach(share -> written.put(share.session(), share));
    }

    private void live(UUID session) {
        SessionState state = sessions.find(session).state();
        if (state != SessionState.LIVE) {
            throw ApiProblem.unprocessable("The session is " + state + "; the audience gathers only while it is live");
        }
    }

    private Counts countsOf(UUID session) {
        return counts.computeIfAbsent(session, id -> new Counts());
    }

    private Comment update(UUID commentId, String statement, Object... params) {
        if (sql.sql(statement).params(params).update() == 0) {
            throw ApiProblem.notFound("No comment " + commentId);
        }
        return find(commentId);
    }

    private Comment find(UUID commentId) {
        return sql.sql("select * from comments where id = ?").param(commentId).query(Audience::row).optional()
                .orElseThrow(() -> ApiProblem.notFound("No comment " + commentId));
    }

    private static Comment row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Comment(rs.getObject("id", UUID.class), rs.getObject("session_id", UUID.class), shownAs(rs.getString("viewer_id")),
                rs.getString("text"), rs.getBoolean("question"), rs.getBoolean("pinned"), rs.getString("answer"),
                rs.getTimestamp("posted_at").toInstant());
    }
}
