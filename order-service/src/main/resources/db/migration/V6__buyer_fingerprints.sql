-- Fingerprints (salted hashes) of the device and the payment account a checkout named, for the catalog's brushing
-- check, which clusters buyers who share them; the identifiers themselves are never stored. Null when not given.
alter table checkouts add column device_fingerprint char(16);
alter table checkouts add column payment_fingerprint char(16);
