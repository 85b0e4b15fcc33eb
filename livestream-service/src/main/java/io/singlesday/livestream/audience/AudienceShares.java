package io.singlesday.livestream.audience;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The audience across instances. Behind the gateway a session's viewers spread over every pod, each counting its
 * own in memory; once a second each pod writes its share (one row per pod and session) and reads the others'.
 * A pod that stops writing drops out of the viewer count after {@code stale-after} (its viewers are gone with it),
 * while its likes and comments stay counted (they happened).
 */
@Component
class AudienceShares {

    /** What the other instances last reported for a session. */
    record Others(int viewers, long likes, long comments, int peak) {
        static final Others NONE = new Others(0, 0, 0, 0);
    }

    /** This instance's counts for one session, as the tick writes them. */
    record Share(UUID session, int viewers, long likes, long comments) {
    }

    private final UUID instance = UUID.randomUUID();
    private final JdbcTemplate jdbc;
    private final JdbcClient sql;
    private final Duration staleAfter;
    private final Map<UUID, Others> others = new ConcurrentHashMap<>();

    AudienceShares(JdbcTemplate jdbc, @Value("${livestream.audience.stale-after:5s}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.sql = JdbcClient.create(jdbc);
        this.staleAfter = staleAfter;
    }

    Others others(UUID session) {
        return others.getOrDefault(session, Others.NONE);
    }

    /** Writes this instance's shares, raises each session's peak to the summed audience, and reads the others'. */
    void exchange(List<Share> mine) {
        // A share of a session that is not (or no longer) in the table is skipped, not a foreign-key failure that would
        // fail every other session's share with it, every second.
        jdbc.batchUpdate("""
                insert into audience_shares (session_id, instance_id, viewers, likes, comments, updated_at)
                select ?, ?, ?, ?, ?, now() where exists (select 1 from sessions where id = ?)
                on conflict (session_id, instance_id) do update set viewers = excluded.viewers, likes = excluded.likes,
                    comments = excluded.comments, updated_at = now()""",
                mine.stream().map(s -> new Object[]{s.session(), instance, s.viewers(), s.likes(), s.comments(), s.session()})
                        .toList());
        double stale = staleAfter.toMillis() / 1000.0;
        sql.sql("""
                update sessions s set peak_viewers = t.viewers
                from (select session_id, sum(viewers) as viewers from audience_shares
                      where updated_at > now() - make_interval(secs => ?) group by session_id) t
                where s.id = t.session_id and s.peak_viewers < t.viewers""")
                .param(stale).update();
        Map<UUID, Others> fresh = new ConcurrentHashMap<>();
        sql.sql("""
                select a.session_id,
                       coalesce(sum(a.viewers) filter (where a.updated_at > now() - make_interval(secs => ?)), 0),
                       sum(a.likes), sum(a.comments), max(s.peak_viewers)
                from audience_shares a join sessions s on s.id = a.session_id
                where a.instance_id <> ? and (s.state = 'LIVE' or s.ended_wall_at > now() - interval '1 hour')
                group by a.session_id""")
                .params(stale, instance)
                .query((rs, n) -> fresh.put(rs.getObject(1, UUID.class),
                        new Others(rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getInt(5))))
                .list();
        others.keySet().retainAll(fresh.keySet());
        others.putAll(fresh);
    }
}
