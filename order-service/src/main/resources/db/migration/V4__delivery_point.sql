-- Where the parcel goes: logistics routes by it (a Hema store within 3 km delivers in 30 minutes).
-- Checkouts placed before this migration have none.
alter table checkouts add column delivery_latitude double precision;
alter table checkouts add column delivery_longitude double precision;
