-- What viewers say during a show. Questions can be pinned and answered by the host.
create table comments (
    id          uuid primary key,
    session_id  uuid not null references sessions (id),
    viewer_id   text not null,
    text        text not null,
    question    boolean not null,
    pinned      boolean not null default false,
    answer      text,
    posted_at   timestamptz not null
);
create index comments_by_session on comments (session_id, posted_at);
