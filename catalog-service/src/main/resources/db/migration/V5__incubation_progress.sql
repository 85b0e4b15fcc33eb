-- GMV per brand and festival month, for the award on the 21st; and the awards given, once per month and rank.
create table brand_monthly_gmv (
    brand_id uuid    not null references brands (id),
    month    char(7) not null,
    gmv_fen  bigint  not null default 0,
    primary key (brand_id, month)
);

create table livestream_awards (
    month      char(7)     not null,
    rank       integer     not null,
    brand_id   uuid        not null references brands (id),
    gmv_fen    bigint      not null,
    awarded_at timestamptz not null,
    primary key (month, rank),
    unique (month, brand_id)
);
