-- Every grant and every join of a reached group deal becomes a checkout in the order service. The row remembers
-- where to deliver and whether its checkout command has left (through the outbox), so a pass after a crash sends
-- the ones not yet sent and none twice.
alter table drop_grants add column delivery text;
alter table drop_grants add column checkout_sent boolean not null default false;
-- Grants from before checkouts existed have no delivery address: there is nothing to send for them.
update drop_grants set checkout_sent = true;
create index drop_grants_unsent on drop_grants (granted_at) where not checkout_sent;

alter table group_joins add column delivery text;
alter table group_joins add column checkout_sent boolean not null default false;
update group_joins set checkout_sent = true;
create index group_joins_unsent on group_joins (deal_id) where not checkout_sent;

-- A drop's unsold units go back to the catalog once its session has ended (wall time, after a grace for purchases
-- the allocator was still deciding).
alter table sessions add column ended_wall_at timestamptz;
alter table drops add column hold_closed boolean not null default false;
