package io.singlesday.catalog.onboarding;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.catalog.StoreOpened;
import io.singlesday.platform.outbox.Outbox;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Self-service registration, operator review, and the 30-day window to open the store, all on festival time.
 * Each move checks the state machine and updates only from the state it read, so two operators clicking at
 * once cannot both win.
 */
@Service
public class Onboarding {

    private final JdbcClient sql;
    private final Outbox outbox;
    private final Clock festivalClock;
    private final Duration openWithin;
    private final Duration incubation;
    private final int defaultCommissionBp;

    public Onboarding(JdbcClient sql, Outbox outbox, Clock festivalClock,
                      @Value("${catalog.onboarding.open-within:P30D}") Duration openWithin,
                      @Value("${catalog.incubation.duration:P90D}") Duration incubation,
                      @Value("${catalog.incubation.default-commission-bp:500}") int defaultCommissionBp) {
        this.sql = sql;
        this.outbox = outbox;
        this.festivalClock = festivalClock;
        this.openWithin = openWithin;
        this.incubation = incubation;
        this.defaultCommissionBp = defaultCommissionBp;
    }

    public record Registration(String brandName, String companyName, String registrationNumber, String originCountry,
                               List<Long> categoryIds, String contactName, String contactEmail) {
    }

    public record Application(UUID id, String brandName, String companyName, String originCountry, List<Long> categoryIds,
                              String contactName, String contactEmail, String applicant, ApplicationState state,
                              String rejectionReason, Instant submittedAt, Instant approvedAt, Instant openBy,
                              UUID brandId) {
    }

    @Transactional
    public Application submit(String applicant, Registration registration) {
        Boolean taken = sql.sql("""
                select exists (select 1 from brands where lower(name) = lower(:n))
                    or exists (select 1 from brand_applications where lower(brand_name) = lower(:n)
                               and state not in ('REJECTED', 'LAPSED'))""")
                .param("n", registration.brandName()).query(Boolean.class).single();
        if (taken) {
            throw ApiProblem.conflict("The brand name '" + registration.brandName() + "' is already registered");
        }
        List<Long> unknown = sql.sql("select x from unnest(cast(? as bigint[])) x where x not in (select id from categories)")
                .param(registration.categoryIds().toArray(Long[]::new)).query(Long.class).list();
        if (!unknown.isEmpty()) {
            throw ApiProblem.unprocessable("Unknown categories: " + unknown);
        }
        UUID id = UUID.randomUUID();
        sql.sql("""
                insert into brand_applications (id, brand_name, company_name, registration_no, origin_country,
                    category_ids, contact_name, contact_email, applicant, state, submitted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?)""")
                .params(id, registration.brandName(), registration.companyName(), registration.registrationNumber(),
                        registration.originCountry(), registration.categoryIds().toArray(Long[]::new),
                        registration.contactName(), registration.contactEmail(), applicant, now())
                .update();
        return find(id).orElseThrow();
    }

    @Transactional
    public Application startReview(UUID id) {
        move(id, ApplicationState.UNDER_REVIEW, "");
        return find(id).orElseThrow();
    }

    @Transactional
    public Application reject(UUID id, String reason) {
        move(id, ApplicationState.REJECTED, ", rejection = :reason", "reason", reason);
        return find(id).orElseThrow();
    }

    @Transactional
    public Application approve(UUID id) {
        Application application = find(id).orElseThrow(() -> notFound(id));
        UUID brandId = UUID.randomUUID();
        boolean crossBorder = !"CN".equals(application.originCountry());
        sql.sql("insert into brands (id, name, origin_country, cross_border, commission_bp, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(brandId, application.brandName(), application.originCountry(), crossBorder, defaultCommissionBp, now())
                .update();
        Instant approvedAt = festivalClock.instant();
        move(id, ApplicationState.APPROVED, ", approved_at = :approved, open_by = :openBy, brand_id = :brand",
                "approved", Timestamp.from(approvedAt), "openBy", Timestamp.from(approvedAt.plus(openWithin)), "brand", brandId);
        return find(id).orElseThrow();
    }

    /** The approved brand opens its store: one store per brand, and only inside the window. */
    @Transactional
    public Application openStore(UUID brandId, String storeName) {
        Application application = sql.sql("select id from brand_applications where brand_id = ?").param(brandId)
                .query(UUID.class).optional().flatMap(this::find)
                .orElseThrow(() -> ApiProblem.notFound("No approved application for your brand"));
        if (application.state() == ApplicationState.APPROVED && festivalClock.instant().isAfter(application.openBy())) {
            throw ApiProblem.conflict("The 30 days to open the store ended at " + application.openBy());
        }
        move(application.id(), ApplicationState.STORE_OPEN, "");
        UUID storeId = UUID.randomUUID();
        Instant opened = festivalClock.instant();
        sql.sql("insert into stores (id, brand_id, name, status, opened_at) values (?, ?, ?, 'OPEN', ?)")
                .params(storeId, brandId, storeName, Timestamp.from(opened)).update();
        Instant incubationEnds = opened.plus(incubation);
        sql.sql("insert into incubations (brand_id, started_at, ends_at, target_fen) values (?, ?, ?, ?)")
                .params(brandId, Timestamp.from(opened), Timestamp.from(incubationEnds), Incubation.TARGET_FEN).update();
        outbox.append(EventCatalog.STORE_OPENED, brandId.toString(), new StoreOpened(storeId, brandId, storeName,
                application.originCountry(), !"CN".equals(application.originCountry()), incubationEnds));
        return find(application.id()).orElseThrow();
    }

    /** Approved applications whose window has passed on the festival clock become LAPSED. */
    @Transactional
    public int lapseOverdue() {
        return sql.sql("update brand_applications set state = 'LAPSED', version = version + 1 where state = 'APPROVED' and open_by < ?")
                .param(now()).update();
    }

    public List<Application> list(ApplicationState state, Duration lapsingWithin, int limit) {
        String where = lapsingWithin != null
                ? "state = 'APPROVED' and open_by < :horizon order by open_by"
                : (state != null ? "state = :state order by submitted_at" : "true order by submitted_at");
        return sql.sql(SELECT + " where " + where + " limit :limit")
                .param("horizon", lapsingWithin == null ? null : Timestamp.from(festivalClock.instant().plus(lapsingWithin)))
                .param("state", state == null ? null : state.name())
                .param("limit", limit)
                .query(this::map).list();
    }

    public Optional<Application> find(UUID id) {
        return sql.sql(SELECT + " where id = ?").param(id).query(this::map).optional();
    }

    private void move(UUID id, ApplicationState target, String extraSet, Object... extraParams) {
        Application current = find(id).orElseThrow(() -> notFound(id));
        try {
            current.state().moveTo(target);
        } catch (ApplicationState.IllegalTransition e) {
            throw ApiProblem.conflict(e.getMessage());
        }
        var statement = sql.sql("update brand_applications set state = :target, version = version + 1" + extraSet
                        + " where id = :id and state = :from")
                .param("target", target.name()).param("id", id).param("from", current.state().name());
        for (int i = 0; i < extraParams.length; i += 2) {
            statement = statement.param((String) extraParams[i], extraParams[i + 1]);
        }
        if (statement.update() == 0) {
            throw ApiProblem.conflict("The application changed meanwhile; reload it");
        }
    }

    private static final String SELECT = """
            select id, brand_name, company_name, origin_country, category_ids, contact_name, contact_email, applicant,
                   state, rejection, submitted_at, approved_at, open_by, brand_id
            from brand_applications""";

    private Application map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Long[] categories = (Long[]) rs.getArray(5).getArray();
        return new Application(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                List.of(categories), rs.getString(6), rs.getString(7), rs.getString(8),
                ApplicationState.valueOf(rs.getString(9)), rs.getString(10), instant(rs.getTimestamp(11)),
                instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), rs.getObject(14, UUID.class));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private Timestamp now() {
        return Timestamp.from(festivalClock.instant());
    }

    private static ApiProblem notFound(UUID id) {
        return ApiProblem.notFound("No application " + id);
    }
}
