-- A drop's units are carved out of the catalog's stock when it is created (ReserveStock, keyed by the drop id):
-- REQUESTED until the catalog answers, then HELD or REJECTED (with the catalog's reason).
alter table drops add column stock_state text not null default 'REQUESTED'
    check (stock_state in ('REQUESTED', 'HELD', 'REJECTED'));
alter table drops add column stock_detail text;
