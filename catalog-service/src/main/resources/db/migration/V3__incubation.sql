-- A store's incubation: 90 festival days from opening, with a GMV target; GMV accrues from confirmed orders.
create table incubations (
    brand_id   uuid        primary key references brands (id),
    started_at timestamptz not null,
    ends_at    timestamptz not null,
    target_fen bigint      not null check (target_fen > 0),
    gmv_fen    bigint      not null default 0 check (gmv_fen >= 0),
    reached_at timestamptz
);
