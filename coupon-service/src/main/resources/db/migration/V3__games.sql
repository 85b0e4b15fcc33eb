-- Prize draws: a chance per entry, and a budget (in fen of discount) that no interleaving of entries exceeds.
create table draws (
    id              uuid primary key,
    campaign_id     uuid   not null references campaigns (id),
    title           text   not null,
    win_chance_bp   int    not null check (win_chance_bp between 1 and 10000),
    budget_fen      bigint not null check (budget_fen > 0),
    spent_fen       bigint not null default 0,
    entries_per_shopper int not null check (entries_per_shopper > 0),
    opens_at        timestamptz not null,
    closes_at       timestamptz not null,
    check (spent_fen <= budget_fen),
    check (opens_at < closes_at)
);
create table draw_entries (
    draw_id    uuid not null references draws (id),
    shopper_id text not null,
    entries    int  not null,
    wins       int  not null default 0,
    primary key (draw_id, shopper_id)
);

-- Catch the Cat: drops at coordinates and times; one catch per drop per shopper; positions to spot impossible travel.
create table cat_drops (
    id          uuid primary key,
    campaign_id uuid   not null references campaigns (id),
    title       text   not null,
    latitude    double precision not null check (latitude between -90 and 90),
    longitude   double precision not null check (longitude between -180 and 180),
    radius_m    int    not null check (radius_m between 1 and 50000),
    opens_at    timestamptz not null,
    closes_at   timestamptz not null,
    check (opens_at < closes_at)
);
create table cat_catches (
    drop_id    uuid not null references cat_drops (id),
    shopper_id text not null,
    code       text not null,
    caught_at  timestamptz not null,
    primary key (drop_id, shopper_id)
);
create table shopper_positions (
    shopper_id  text primary key,
    latitude    double precision not null,
    longitude   double precision not null,
    reported_at timestamptz not null -- festival time
);

-- The coupon booklet: a stamp per partner brand bought from; enough stamps unlock the reward, once.
create table booklets (
    id                 uuid primary key,
    title              text   not null,
    reward_campaign_id uuid   not null references campaigns (id),
    partner_brand_ids  uuid[] not null,
    stamps_required    int    not null check (stamps_required > 0)
);
create table booklet_stamps (
    booklet_id uuid not null references booklets (id),
    shopper_id text not null,
    brand_id   uuid not null,
    stamped_at timestamptz not null,
    primary key (booklet_id, shopper_id, brand_id)
);
create table booklet_rewards (
    booklet_id uuid not null references booklets (id),
    shopper_id text not null,
    code       text,
    problem    text,
    primary key (booklet_id, shopper_id)
);

-- Pop-up store QR codes: scanning one in the store claims that store's coupon.
create table qr_codes (
    code        text primary key,
    campaign_id uuid not null references campaigns (id),
    store_id    uuid not null,
    valid_until timestamptz not null
);

alter table flash_sales add column reveal_at timestamptz;
alter table flash_sales add column kind text not null default 'FLASH_SALE';
