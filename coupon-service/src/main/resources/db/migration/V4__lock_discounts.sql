-- The discounts a lock answered, so a repeated lock repeats them exactly.
alter table checkout_locks add column discount_codes  text[]   not null default '{}';
alter table checkout_locks add column discount_orders uuid[]   not null default '{}';
alter table checkout_locks add column discount_fen    bigint[] not null default '{}';
