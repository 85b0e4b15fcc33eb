-- The event's type and version, published as a record header so a consumer can skip what it does not act on
-- without reading the value. Rows written before this column existed go out without the header.
alter table outbox_events add column if not exists event_type varchar(100);
