package io.singlesday.livestream.session;

import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.web.ApiProblem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** KOL channels and their live sessions on the festival clock. */
@Service
public class Sessions {

    public enum Kind { REGULAR, GALA, CAMPAIGN }

    public record ChannelRequest(@NotBlank @Size(max = 120) String name, @NotBlank @Size(max = 120) String kol) {
    }

    public record Channel(UUID id, String name, String kol) {
    }

    public record SessionRequest(@NotBlank @Size(max = 200) String title, @NotNull Kind kind, @NotNull Instant scheduledStart) {
    }

    public record Session(UUID id, UUID channelId, String title, Kind kind, SessionState state, Instant scheduledStart,
                          Instant startedAt, Instant endedAt) {
    }

    private final JdbcClient sql;
    private final FestivalClock clock;

    public Sessions(JdbcClient sql, FestivalClock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public Channel openChannel(ChannelRequest request) {
        UUID id = UUID.randomUUID();
        sql.sql("insert into channels (id, name, kol, created_at) values (?, ?, ?, ?)")
                .params(id, request.name(), request.kol(), Timestamp.from(clock.instant())).update();
        return new Channel(id, request.name(), request.kol());
    }

    public Session schedule(UUID channelId, SessionRequest request) {
        boolean channel = sql.sql("select exists (select 1 from channels where id = ?)").param(channelId).query(Boolean.class).single();
        if (!channel) {
            throw ApiProblem.notFound("No channel " + channelId);
        }
        UUID id = UUID.randomUUID();
        sql.sql("""
                insert into sessions (id, channel_id, title, kind, state, scheduled_start) values (?, ?, ?, ?, 'SCHEDULED', ?)""")
                .params(id, channelId, request.title(), request.kind().name(), Timestamp.from(request.scheduledStart())).update();
        return find(id);
    }

    /** Moves a session along its life; a move the state machine does not allow is a 409 that says why. */
    @Transactional
    public Session move(UUID id, SessionState next) {
        Session session = sql.sql("select * from sessions where id = ? for update").param(id).query(Sessions::row).optional()
                .orElseThrow(() -> ApiProblem.notFound("No live session " + id));
        if (!session.state().canMoveTo(next)) {
            throw ApiProblem.conflict("Session " + id + " is " + session.state() + " and cannot become " + next);
        }
        Timestamp now = Timestamp.from(clock.instant());
        sql.sql("update sessions set state = ?, started_at = case when ? = 'LIVE' then ? else started_at end, "
                        + "ended_at = case when ? = 'ENDED' then ? else ended_at end, "
                        + "ended_wall_at = case when ? = 'ENDED' then now() else ended_wall_at end where id = ?")
                .params(next.name(), next.name(), now, next.name(), now, next.name(), id).update();
        return find(id);
    }

    public Session find(UUID id) {
        return sql.sql("select * from sessions where id = ?").param(id).query(Sessions::row).optional()
                .orElseThrow(() -> ApiProblem.notFound("No live session " + id));
    }

    public List<Session> ofChannel(UUID channelId) {
        return sql.sql("select * from sessions where channel_id = ? order by scheduled_start").param(channelId)
                .query(Sessions::row).list();
    }

    private static Session row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Session(rs.getObject("id", UUID.class), rs.getObject("channel_id", UUID.class), rs.getString("title"),
                Kind.valueOf(rs.getString("kind")), SessionState.valueOf(rs.getString("state")),
                rs.getTimestamp("scheduled_start").toInstant(), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
