-- Shared by every service: the ids of events a consumer has already applied, so a redelivered event
-- (the outbox may publish twice, a rebalance may replay) changes nothing the second time.
create table processed_events (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
