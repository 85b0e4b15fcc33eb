-- The brushing detector's view of every confirmed order: the keys buyers are clustered by, what the order still counts
-- for (its lines net of refunds), the signals it showed and the verdict. An order is in the sales ranking and the
-- incubation tallies exactly while `counted`.
create table brushing_orders (
    order_id      uuid        primary key,
    checkout_id   uuid        not null,
    store_id      uuid        not null,
    brand_id      uuid        not null,
    shopper_id    text        not null,
    confirmed_at  timestamptz not null,
    device_fp     text,
    payment_fp    text,
    point         text, -- the delivery point to about 11 m, "lat,lon"
    lines         jsonb       not null, -- [{productId, brandId, units, paidFen}], net of refunds
    signals       jsonb       not null default '[]', -- [{name, weight, evidence}]
    score         integer     not null default 0,
    verdict       text        not null default 'CLEAR'
                  check (verdict in ('CLEAR', 'SUSPECTED', 'CONFIRMED', 'DISMISSED')),
    counted       boolean     not null,
    flagged_at    timestamptz,
    decided_at    timestamptz
);
create index brushing_orders_device on brushing_orders (store_id, device_fp) where device_fp is not null;
create index brushing_orders_payment on brushing_orders (store_id, payment_fp) where payment_fp is not null;
create index brushing_orders_point on brushing_orders (store_id, point) where point is not null;
create index brushing_orders_queue on brushing_orders (verdict, score desc, order_id) where verdict <> 'CLEAR';
create index brushing_orders_brand on brushing_orders (brand_id, verdict, score desc, order_id) where verdict <> 'CLEAR';
create index brushing_orders_buyer on brushing_orders (store_id, shopper_id);

-- Buyers of each store grouped into webs: two buyers who shared a phone or a payment account at the store are in
-- one web, and so is everyone tied to either; the loose web also ties buyers who shared a delivery point. A web is
-- named by the smallest id among those merged into it.
create sequence brushing_web_ids;
create table brushing_buyers (
    store_id   uuid   not null,
    shopper_id text   not null,
    web        bigint not null,
    loose_web  bigint not null,
    orders     integer not null default 1, -- the buyer's confirmed orders at the store
    primary key (store_id, shopper_id)
);
create index brushing_buyers_web on brushing_buyers (store_id, web);
create index brushing_buyers_loose_web on brushing_buyers (store_id, loose_web);

-- How many orders each buyer has had confirmed, to tell a first order.
create table brushing_shoppers (
    shopper_id text    primary key,
    orders     integer not null
);

-- A store's confirmed orders per festival hour, for bursts.
create table brushing_store_hours (
    store_id uuid        not null,
    hour     timestamptz not null,
    orders   integer     not null,
    primary key (store_id, hour)
);

-- Accounts that have acted for a brand with the brand's token: its staff, as far as the catalog can tell.
create table brand_staff (
    brand_id   uuid        not null,
    subject    text        not null,
    first_seen timestamptz not null,
    primary key (brand_id, subject)
);

-- Every review decision, kept: who decided what, when and why.
create table brushing_decisions (
    id          bigserial   primary key,
    order_id    uuid        not null references brushing_orders (order_id),
    decision    text        not null check (decision in ('CONFIRM', 'DISMISS')),
    decided_by  text        not null,
    note        text,
    decided_at  timestamptz not null,
    request_id  text
);
create index brushing_decisions_order on brushing_decisions (order_id);
