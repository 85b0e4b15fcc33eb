-- The coupon service's flash sales, as checkout prices them and reminders wait for them.
create table flash_sales (
    promotion_id uuid primary key,
    title        text     not null,
    sku_ids      uuid[]   not null,
    category_ids bigint[] not null,
    brand_ids    uuid[]   not null,
    provinces    text[]   not null,
    price_fen    bigint,
    percent_off  int,
    starts_at    timestamptz not null, -- festival time
    ends_at      timestamptz not null,
    withdrawn    boolean  not null default false,
    check ((price_fen is null) <> (percent_off is null))
);
create index flash_sales_window on flash_sales (starts_at, ends_at) where not withdrawn;

alter table order_lines add column promotion_id uuid;

create table reminders (
    id           uuid primary key,
    shopper_id   text not null,
    product_id   uuid not null,
    created_at   timestamptz not null,  -- festival time
    fired_at     timestamptz,
    promotion_id uuid,
    unique (shopper_id, product_id)
);
create index reminders_waiting on reminders (product_id) where fired_at is null;

create table notifications (
    id           bigserial primary key,
    shopper_id   text not null,
    reminder_id  uuid not null,
    product_id   uuid not null,
    promotion_id uuid not null,
    title        text not null,
    starts_at    timestamptz not null,
    created_at   timestamptz not null default now()
);
create index notifications_shopper on notifications (shopper_id, id);
