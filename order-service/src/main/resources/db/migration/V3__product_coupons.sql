alter table wallet_coupons add column product_id uuid;
alter table wallet_coupons drop constraint wallet_coupons_scope_check;
alter table wallet_coupons add constraint wallet_coupons_scope_check check (scope in ('PLATFORM', 'STORE', 'PRODUCT'));
