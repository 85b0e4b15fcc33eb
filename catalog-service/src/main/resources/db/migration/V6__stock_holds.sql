-- A hold that others take from (a livestream drop's units): orders move units out of it into holds of their own,
-- so it may reach zero, and it counts what was taken, which is how it knows what to keep when the rest goes back.
alter table stock_reservations drop constraint stock_reservations_quantity_check;
alter table stock_reservations add constraint stock_reservations_quantity_check check (quantity >= 0);
alter table stock_reservations add column taken integer not null default 0 check (taken >= 0);
