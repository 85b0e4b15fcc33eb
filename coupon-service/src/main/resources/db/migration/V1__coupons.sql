-- Which store a brand runs, from the catalog's store events: a brand creates campaigns for its own store only.
create table stores (
    store_id uuid primary key,
    brand_id uuid    not null,
    open     boolean not null
);
create index stores_brand on stores (brand_id);

create table campaigns (
    id               uuid primary key,
    scope            text    not null check (scope in ('PLATFORM', 'STORE')),
    store_id         uuid,
    title            text    not null,
    threshold_fen    bigint  not null check (threshold_fen >= 0),
    discount_fen     bigint  not null check (discount_fen > 0),
    currency         text    not null,
    stepped          boolean not null,
    total_stock      int     not null check (total_stock > 0),
    issued           int     not null default 0,
    per_shopper      int     not null check (per_shopper > 0),
    claim_from       timestamptz not null,
    claim_until      timestamptz not null,
    redeem_from      timestamptz not null,
    redeem_until     timestamptz not null,
    created_by       text    not null,
    created_at       timestamptz not null default now(),
    -- The one line that makes "never issued beyond its stock" true under any concurrency.
    check (issued <= total_stock),
    check ((scope = 'STORE') = (store_id is not null)),
    check (claim_from < claim_until and redeem_from < redeem_until)
);

create table shopper_claims (
    campaign_id uuid not null references campaigns (id),
    shopper_id  text not null,
    claimed     int  not null,
    primary key (campaign_id, shopper_id)
);

create table coupons (
    code        text primary key,
    campaign_id uuid not null references campaigns (id),
    shopper_id  text not null,
    state       text not null check (state in ('ISSUED', 'LOCKED', 'REDEEMED')),
    locked_by   uuid,
    issued_at   timestamptz not null,
    redeemed_at timestamptz
);
create index coupons_shopper on coupons (shopper_id);
create index coupons_locked_by on coupons (locked_by) where locked_by is not null;

-- Each checkout's recorded answer: a repeated lock repeats it; an unlock that overtakes its lock closes the door.
create table checkout_locks (
    checkout_id uuid primary key,
    outcome     text not null check (outcome in ('LOCKED', 'REJECTED', 'RELEASED', 'REDEEMED')),
    code        text,
    reason      text,
    codes       text[] not null default '{}'
);
