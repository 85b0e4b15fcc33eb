-- Each instance counts its own viewers in memory and, once a second, writes its share here: one row per instance
-- and session, never one per viewer. The figures anyone sees are the sum of the live shares.
create table audience_shares (
    session_id   uuid not null references sessions (id),
    instance_id  uuid not null,
    viewers      int  not null check (viewers >= 0),
    likes        bigint not null check (likes >= 0),
    comments     bigint not null check (comments >= 0),
    updated_at   timestamptz not null,
    primary key (session_id, instance_id)
);

-- The largest audience summed over all instances, kept by whichever instance saw it.
alter table sessions add column peak_viewers int not null default 0;
