-- Read models, fed by other services' events: checkout never calls another service synchronously.
create table catalog_skus (
    sku_id         uuid primary key,
    product_id     uuid   not null,
    store_id       uuid   not null,
    brand_id       uuid   not null,
    category_id    bigint not null,
    origin_country text   not null,
    title          text   not null,
    code           text   not null,
    price_fen      bigint not null check (price_fen >= 0),
    currency       text   not null,
    listed         boolean not null
);
create index catalog_skus_product on catalog_skus (product_id);

create table catalog_stores (
    store_id uuid primary key,
    brand_id uuid    not null,
    name     text    not null,
    open     boolean not null
);

create table wallet_coupons (
    code          text primary key,
    shopper_id    text    not null,
    campaign_id   uuid    not null,
    scope         text    not null check (scope in ('PLATFORM', 'STORE')),
    store_id      uuid,
    threshold_fen bigint  not null,
    discount_fen  bigint  not null,
    currency      text    not null,
    stepped       boolean not null,
    redeem_from   timestamptz not null,
    redeem_until  timestamptz not null
);
create index wallet_coupons_shopper on wallet_coupons (shopper_id);

create table cart_items (
    shopper_id text not null,
    sku_id     uuid not null,
    quantity   int  not null check (quantity > 0),
    added_at   timestamptz not null,
    primary key (shopper_id, sku_id)
);

-- One checkout: one payment, one saga, one order per store. The idempotency key lives here, so the key and the
-- checkout commit together: a retry can never create a second checkout.
create table checkouts (
    id               uuid primary key,
    shopper_id       text   not null,
    idempotency_key  text   not null,
    request_hash     text   not null,
    state            text   not null,
    channel          text   not null,
    livestream_id    text,
    device           text   not null,
    city             text   not null,
    province         text   not null,
    payable_fen      bigint not null,
    currency         text   not null,
    coupon_codes     text[] not null,
    coupons_state    text   not null,
    orders_pending   int    not null,
    cancel_reason    text,
    cancel_detail    text,
    placed_at        timestamptz not null, -- festival time
    deadline         timestamptz not null, -- wall time by which every participant must have answered
    payment_started  timestamptz,          -- wall time
    created_at       timestamptz not null default now(), -- wall time, for the saga latency metric
    updated_at       timestamptz not null default now(),
    unique (shopper_id, idempotency_key)
);
create index checkouts_open on checkouts (state, deadline) where state in ('AWAITING_PARTICIPANTS', 'PAYING');

create table orders (
    id             uuid primary key,
    checkout_id    uuid   not null references checkouts (id),
    shopper_id     text   not null,
    store_id       uuid   not null,
    brand_id       uuid   not null,
    state          text   not null,
    stock_state    text   not null,
    list_fen       bigint not null,
    discount_fen   bigint not null,
    paid_fen       bigint not null,
    currency       text   not null,
    placed_at      timestamptz not null,
    confirmed_at   timestamptz,
    cancelled_at   timestamptz
);
create index orders_checkout on orders (checkout_id);
create index orders_shopper on orders (shopper_id, placed_at desc, id desc);

create table order_lines (
    order_id       uuid   not null references orders (id),
    line_no        int    not null,
    sku_id         uuid   not null,
    product_id     uuid   not null,
    brand_id       uuid   not null,
    category_id    bigint not null,
    origin_country text   not null,
    title          text   not null,
    quantity       int    not null check (quantity > 0),
    unit_price_fen bigint not null,
    list_fen       bigint not null,
    discount_fen   bigint not null,
    paid_fen       bigint not null,
    primary key (order_id, line_no)
);

create table order_timeline (
    id       bigserial primary key,
    order_id uuid not null references orders (id),
    at       timestamptz not null, -- festival time
    state    text not null,
    detail   text
);
create index order_timeline_order on order_timeline (order_id, id);

-- The simulated payment provider's own ledger: one charge per checkout, whatever the retries.
create table payment_charges (
    checkout_id uuid primary key,
    amount_fen  bigint  not null,
    currency    text    not null,
    approved    boolean not null,
    reference   text    not null,
    refunded    boolean not null default false,
    charged_at  timestamptz not null default now()
);
