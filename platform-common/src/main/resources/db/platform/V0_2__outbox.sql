-- Events written in the same transaction as the change they describe; the relay publishes and deletes them.
create table outbox_events (
    id         bigserial    primary key,
    topic      varchar(200) not null,
    record_key varchar(200) not null,
    payload    bytea        not null,
    created_at timestamptz  not null default now()
);
