-- Product coupons: bound to one product of one store.
alter table campaigns add column product_id uuid;
do $$
declare c record;
begin
    for c in select conname from pg_constraint
             where conrelid = 'campaigns'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%scope%'
    loop
        execute format('alter table campaigns drop constraint %I', c.conname);
    end loop;
end $$;
alter table campaigns add constraint campaigns_scope check (scope in ('PLATFORM', 'STORE', 'PRODUCT'));
alter table campaigns add constraint campaigns_scope_store check ((scope = 'PLATFORM') = (store_id is null));
alter table campaigns add constraint campaigns_scope_product check ((scope = 'PRODUCT') = (product_id is not null));
