-- Answers to writes sent with an Idempotency-Key, per caller, so a retried request gets the first answer.
create table idempotency_keys (
    caller       varchar(100) not null,
    key          varchar(200) not null,
    request_hash char(64)     not null,
    status       integer,
    content_type varchar(200),
    body         bytea,
    created_at   timestamptz  not null default now(),
    primary key (caller, key)
);
