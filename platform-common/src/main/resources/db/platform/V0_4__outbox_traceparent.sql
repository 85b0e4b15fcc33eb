-- The trace the change belonged to, so the relay publishes the event as a step of that trace.
alter table outbox_events add column if not exists traceparent varchar(55);
