-- KOL channels, their live sessions, and the drops sold inside them with every unit each buyer was granted.

create table channels (
    id          uuid primary key,
    name        text not null,
    kol         text not null,
    created_at  timestamptz not null
);

create table sessions (
    id               uuid primary key,
    channel_id       uuid not null references channels (id),
    title            text not null,
    kind             text not null check (kind in ('REGULAR', 'GALA', 'CAMPAIGN')),
    state            text not null check (state in ('SCHEDULED', 'LIVE', 'ENDED')),
    scheduled_start  timestamptz not null,
    started_at       timestamptz,
    ended_at         timestamptz
);
create index sessions_by_channel on sessions (channel_id);

create table drops (
    id                uuid primary key,
    session_id        uuid not null references sessions (id),
    sku_id            uuid not null,
    title             text not null,
    price_fen         bigint not null check (price_fen > 0),
    currency          text not null,
    quantity          int not null check (quantity > 0),
    per_viewer_limit  int not null check (per_viewer_limit > 0),
    opens_at          timestamptz not null,
    created_at        timestamptz not null
);
create index drops_by_session on drops (session_id);

-- One row per granted purchase, in the order the allocator decided them (seq). The request key makes a retried
-- purchase find its first answer instead of taking units twice.
create table drop_grants (
    drop_id      uuid not null references drops (id),
    seq          int not null,
    viewer_id    text not null,
    request_key  text not null,
    units        int not null check (units > 0),
    granted_at   timestamptz not null,
    primary key (drop_id, seq),
    unique (drop_id, viewer_id, request_key)
);
