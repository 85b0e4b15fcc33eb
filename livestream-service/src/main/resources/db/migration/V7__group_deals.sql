-- Group buys: a group price if enough viewers join before the deal closes. One row per joiner, so the count is
-- exact and a second join by the same viewer adds nothing.
create table group_deals (
    id             uuid primary key,
    session_id     uuid not null references sessions (id),
    sku_id         uuid not null,
    group_price_fen bigint not null check (group_price_fen > 0),
    currency       text not null,
    target_buyers  int not null check (target_buyers > 1),
    closes_at      timestamptz not null,
    state          text not null check (state in ('OPEN', 'REACHED', 'FAILED')),
    decided_at     timestamptz
);
create index group_deals_open on group_deals (closes_at) where state = 'OPEN';

create table group_joins (
    deal_id    uuid not null references group_deals (id),
    viewer_id  text not null,
    joined_at  timestamptz not null,
    primary key (deal_id, viewer_id)
);
