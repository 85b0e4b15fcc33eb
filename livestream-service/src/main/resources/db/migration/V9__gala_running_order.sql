-- The gala's show running order: acts in sequence on the festival clock. A drop in a gala belongs to an act and
-- sells while that act is on (see now, buy now).
create table gala_acts (
    session_id  uuid not null references sessions (id),
    position    int  not null check (position > 0),
    title       text not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null check (ends_at > starts_at),
    announced   boolean not null default false,
    primary key (session_id, position)
);

alter table drops add column act int;
alter table drops add column closes_at timestamptz;
