-- A brand's own channel, and one campaign session per incubation award, so a redelivered award changes nothing.
alter table channels add column brand_id uuid unique;
alter table sessions add column award_key text unique;
