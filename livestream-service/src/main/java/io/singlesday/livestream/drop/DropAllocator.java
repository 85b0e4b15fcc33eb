package io.singlesday.livestream.drop;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The 1,000-cakes allocator. A drop's units are decided in memory by one thread, in the order the purchases
 * arrived (first come, first served), and written as one batch per round; a buyer hears "granted" only after the
 * batch holding their units is committed. So a crash loses no granted unit (it is in the database before anyone
 * is told) and doubles none (a retried purchase with the same key finds its first grant). Buyers who arrive once
 * the drop is known to be sold out are answered at once, without queueing.
 *
 * <p>Why not a row lock per purchase: a hot row in PostgreSQL serialises a few hundred updates a second, and a
 * drop opens to tens of thousands of presses in one. One writer per drop and a batch per round turn those into a
 * handful of transactions. Two instances deciding the same drop cannot both write: the (drop, seq) primary key
 * lets only one batch in, and the loser reloads the drop's grants and decides its round again (a few times, then its
 * buyers are told to retry with their keys).
 */
public class DropAllocator implements AutoCloseable {

    /** What a purchase came to. {@code units} is 0 unless granted. */
    public record Outcome(Result result, int units, int seq) {
    }

    public enum Result { GRANTED, SOLD_OUT, OVER_LIMIT, RETRY }

    /** A drop as the allocator needs it. */
    public record Terms(UUID dropId, int quantity, int perViewerLimit) {
    }

    /** {@code details}: kept with the grant as given (the buyer's delivery, as JSON); the allocator never reads it. */
    private record Purchase(Terms terms, String viewer, String key, int units, String details,
                            CompletableFuture<Outcome> answer) {
    }

    private record Grant(String viewer, String key, int units, int seq, String details) {
    }

    /** What is decided about one drop: units granted, per viewer, and each request key's answer. */
    private static final class Ledger {
        final Terms terms;
        // Written by the deciding thread only; read by buyers' threads for the sold-out fast path.
        volatile int granted;
        int nextSeq;
        final Map<String, Integer> byViewer = new HashMap<>();
        final Map<String, Grant> byKey = new ConcurrentHashMap<>();

        Ledger(Terms terms) {
            this.terms = terms;
        }

        int remaining() {
            return terms.quantity() - granted;
        }

        void apply(Grant grant) {
            granted += grant.units();
            nextSeq = Math.max(nextSeq, grant.seq() + 1);
            byViewer.merge(grant.viewer(), grant.units(), Integer::sum);
            byKey.put(grant.viewer() + "\u0000" + grant.key(), grant);
        }
    }

    private static final int BATCH = 5_000;
    private static final int DECIDE_ATTEMPTS = 5;

    private final JdbcTemplate jdbc;
    private final JdbcClient sql;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final BlockingQueue<Purchase> arrivals = new LinkedBlockingQueue<>();
    private final Map<UUID, Ledger> ledgers = new ConcurrentHashMap<>();
    private final Thread writer;
    private volatile boolean running = true;

    public DropAllocator(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.sql = JdbcClient.create(jdbc);
        this.transactions = transactions;
        this.clock = clock;
        this.writer = Thread.ofPlatform().name("drop-allocator").daemon().start(this::decideInRounds);
    }

    /** Purchases waiting for the allocator's next round (a gauge: a queue that keeps growing means rounds fall behind). */
    public int waiting() {
        return arrivals.size();
    }

    /** Queues a purchase of {@code units}; the answer completes once it is decided and, if granted, committed. */
    public CompletableFuture<Outcome> purchase(Terms terms, String viewer, String key, int units, String details) {
        if (knownSoldOut(terms, viewer, key)) {
            return CompletableFuture.completedFuture(new Outcome(Result.SOLD_OUT, 0, -1));
        }
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        if (!running) {
            answer.complete(new Outcome(Result.RETRY, 0, -1));
            return answer;
        }
        arrivals.add(new Purchase(terms, viewer, key, units, details, answer));
        return answer;
    }

    /**
     * Whether this purchase can only be sold out: the drop's units are all granted and this request key holds none
     * of them (a retry of a granted purchase must still find its grant). Reads memory only, once the drop is loaded.
     */
    public boolean knownSoldOut(Terms terms, String viewer, String key) {
        Ledger known = ledgers.computeIfAbsent(terms.dropId(), id -> load(terms));
        return known.remaining() <= 0 && !known.byKey.containsKey(viewer + "\u0000" + key);
    }

    /** Units granted so far, as this instance knows them (loaded from the database on first use). */
    public int granted(Terms terms) {
        return ledgers.computeIfAbsent(terms.dropId(), id -> load(terms)).granted;
    }

    private void decideInRounds() {
        List<Purchase> round = new ArrayList<>();
        while (running) {
            try {
                Purchase first = arrivals.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                round.add(first);
                arrivals.drainTo(round, BATCH - 1);
                decideAgainIfOutrun(round);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The batch did not commit: nobody in it was granted anything; they may retry with the same key.
                round.forEach(p -> ledgers.remove(p.terms().dropId()));
                round.forEach(p -> p.answer().complete(new Outcome(Result.RETRY, 0, -1)));
            }
            round.clear();
        }
    }

    /**
     * Another instance that granted units of one of these drops since this one read them takes the next places first:
     * this round's batch then collides on (drop, seq) and commits nothing. The round is decided again over what is now
     * in the database, a few times, before its buyers are told to retry.
     */
    private void decideAgainIfOutrun(List<Purchase> round) {
        for (int attempt = 1; ; attempt++) {
            try {
                decide(round);
                return;
            } catch (DataIntegrityViolationException outrun) {
                round.forEach(p -> ledgers.remove(p.terms().dropId()));
                if (attempt == DECIDE_ATTEMPTS) {
                    throw outrun;
                }
            }
        }
    }

    private void decide(List<Purchase> round) {
        List<Grant> grants = new ArrayList<>();
        Map<Purchase, Outcome> outcomes = new java.util.LinkedHashMap<>();
        Map<UUID, List<Grant>> byDrop = new HashMap<>();
        for (Purchase p : round) {
            Ledger ledger = ledgers.computeIfAbsent(p.terms().dropId(), id -> load(p.terms()));
            Grant earlier = ledger.byKey.get(p.viewer() + "\u0000" + p.key());
            if (earlier != null) {
                outcomes.put(p, new Outcome(Result.GRANTED, earlier.units(), earlier.seq()));
                continue;
            }
            int left = p.terms().perViewerLimit() - ledger.byViewer.getOrDefault(p.viewer(), 0);
            if (ledger.remaining() <= 0) {
                outcomes.put(p, new Outcome(Result.SOLD_OUT, 0, -1));
            } else if (left <= 0) {
                outcomes.put(p, new Outcome(Result.OVER_LIMIT, 0, -1));
            } else {
                // Never turn a buyer away while units remain: the last buyer gets what is left.
                Grant grant = new Grant(p.viewer(), p.key(), Math.min(p.units(), Math.min(left, ledger.remaining())), ledger.nextSeq,
                        p.details());
                ledger.apply(grant);
                grants.add(grant);
                byDrop.computeIfAbsent(p.terms().dropId(), id -> new ArrayList<>()).add(grant);
                outcomes.put(p, new Outcome(Result.GRANTED, grant.units(), grant.seq()));
            }
        }
        if (!grants.isEmpty()) {
            Timestamp now = Timestamp.from(clock.instant());
            List<Object[]> rows = new ArrayList<>();
            byDrop.forEach((drop, list) -> list.forEach(g -> rows.add(new Object[]{drop, g.seq(), g.viewer(), g.key(), g.units(), now, g.details()})));
            transactions.executeWithoutResult(status -> jdbc.batchUpdate("""
                    insert into drop_grants (drop_id, seq, viewer_id, request_key, units, granted_at, delivery)
                    values (?, ?, ?, ?, ?, ?, ?)""", rows));
        }
        outcomes.forEach((p, outcome) -> p.answer().complete(outcome));
    }

    private Ledger load(Terms terms) {
        Ledger ledger = new Ledger(terms);
        sql.sql("select viewer_id, request_key, units, seq from drop_grants where drop_id = ? order by seq").param(terms.dropId())
                .query((rs, n) -> new Grant(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), null))
                .list().forEach(ledger::apply);
        return ledger;
    }

    /** Stops deciding; purchases still queued are told to retry (with their key, on this or another instance). */
    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Purchase> left = new ArrayList<>();
        arrivals.drainTo(left);
        left.forEach(p -> p.answer().complete(new Outcome(Result.RETRY, 0, -1)));
    }
}
