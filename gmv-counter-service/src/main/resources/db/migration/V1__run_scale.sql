-- The scale the day being played was announced with (by the load tester or an operator): at most one row.
create table run_scale (
    id          smallint primary key default 1 check (id = 1),
    day_orders  bigint not null check (day_orders > 0),
    basis       text not null,
    set_at      timestamptz not null,
    set_by      text not null
);
