package io.singlesday.livestream.gala;

import io.singlesday.livestream.audience.LiveFeed;
import io.singlesday.livestream.session.SessionState;
import io.singlesday.livestream.session.Sessions;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The gala's show running order: acts one after another on the festival clock, each with the drops sold while it
 * is on. It is fixed before the show goes on air (the broadcast is planned to the minute); once live, each act
 * is announced to the show's stream as it starts, with the drops that just opened.
 */
@Service
public class RunningOrder {

    public record ActRequest(@NotBlank @Size(max = 200) String title, @NotNull Instant startsAt,
                             @Min(1) @Max(240) int minutes) {
    }

    public record RunningOrderRequest(@NotEmpty @Size(max = 50) List<@Valid @NotNull ActRequest> acts) {
    }

    /** {@code position}: 1 for the opening act. {@code drops}: the ids of the drops sold during it. */
    public record Act(int position, String title, Instant startsAt, Instant endsAt, List<UUID> drops) {
    }

    /** {@code onNow}: the act on air at this festival time, or null between acts, before and after the show. */
    public record Show(UUID sessionId, Integer onNow, List<Act> acts) {
    }

    private final JdbcClient sql;
    private final Sessions sessions;
    private final FestivalClock clock;
    private final LiveFeed feed;

    public RunningOrder(JdbcClient sql, Sessions sessions, FestivalClock clock, LiveFeed feed) {
        this.sql = sql;
        this.sessions = sessions;
        this.clock = clock;
        this.feed = feed;
    }

    @Transactional
    public Show plan(UUID sessionId, RunningOrderRequest request) {
        Sessions.Session session = sessions.find(sessionId);
        if (session.kind() != Sessions.Kind.GALA) {
            throw ApiProblem.unprocessable("Only a GALA session has a running order; this one is " + session.kind());
        }
        if (session.state() != SessionState.SCHEDULED) {
            throw ApiProblem.conflict("The running order is fixed before the show goes on air; this session is " + session.state());
        }
        Instant previousEnd = null;
        for (int i = 0; i < request.acts().size(); i++) {
            ActRequest act = request.acts().get(i);
            if (previousEnd != null && act.startsAt().isBefore(previousEnd)) {
                throw ApiProblem.unprocessable("Act " + (i + 1) + " (" + act.title() + ") starts at " + act.startsAt()
                        + ", before act " + i + " ends at " + previousEnd + ": acts follow one another");
            }
            previousEnd = act.startsAt().plus(Duration.ofMinutes(act.minutes()));
        }
        if (sql.sql("select count(*) from drops where session_id = ? and act is not null").param(sessionId).query(Integer.class).single() > 0) {
            throw ApiProblem.conflict("Drops are already placed in this running order's acts; it can no longer be replaced");
        }
        sql.sql("delete from gala_acts where session_id = ?").param(sessionId).update();
        for (int i = 0; i < request.acts().size(); i++) {
            ActRequest act = request.acts().get(i);
            sql.sql("insert into gala_acts (session_id, position, title, starts_at, ends_at) values (?, ?, ?, ?, ?)")
                    .params(sessionId, i + 1, act.title(), Timestamp.from(act.startsAt()),
                            Timestamp.from(act.startsAt().plus(Duration.ofMinutes(act.minutes())))).update();
        }
        return show(sessionId);
    }

    public Show show(UUID sessionId) {
        sessions.find(sessionId);
        Instant now = clock.instant();
        List<Act> acts = sql.sql("""
                select a.position, a.title, a.starts_at, a.ends_at,
                       array(select d.id from drops d where d.session_id = a.session_id and d.act = a.position order by d.created_at)
                from gala_acts a where a.session_id = ? order by a.position""")
                .param(sessionId)
                .query((rs, n) -> new Act(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(), List.of((UUID[]) rs.getArray(5).getArray())))
                .list();
        Integer onNow = acts.stream().filter(a -> !now.isBefore(a.startsAt()) && now.isBefore(a.endsAt()))
                .map(Act::position).findFirst().orElse(null);
        return new Show(sessionId, onNow, acts);
    }

    /** The window a drop in this act sells in; empty if the session has no such act. */
    public Optional<Act> act(UUID sessionId, int position) {
        return show(sessionId).acts().stream().filter(a -> a.position() == position).findFirst();
    }

    /** Each act of a live gala, announced once as it comes on, with the drops now on sale. */
    @Scheduled(fixedDelayString = "${livestream.gala.check-every:1s}")
    @Transactional
    public void announceActs() {
        Timestamp now = Timestamp.from(clock.instant());
        record Starting(UUID sessionId, int position) {
        }
        sql.sql("""
                update gala_acts a set announced = true from sessions s
                where s.id = a.session_id and s.state = 'LIVE' and not a.announced and a.starts_at <= ? and a.ends_at > ?
                returning a.session_id, a.position""")
                .params(now, now)
                .query((rs, n) -> new Starting(rs.getObject(1, UUID.class), rs.getInt(2)))
                .list()
                .forEach(s -> act(s.sessionId(), s.position()).ifPresent(act -> feed.publish(s.sessionId(), "act-on", act)));
    }
}
