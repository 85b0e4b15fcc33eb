-- A limited edition: every unit numbered (its place in the allocation), one per viewer.
alter table drops add column limited_edition boolean not null default false;
