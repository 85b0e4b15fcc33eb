create table flash_sales (
    id           uuid primary key,
    title        text     not null,
    sku_ids      uuid[]   not null,
    category_ids bigint[] not null,
    brand_ids    uuid[]   not null,
    provinces    text[]   not null,
    price_fen    bigint check (price_fen > 0),
    percent_off  int check (percent_off between 1 and 99),
    starts_at    timestamptz not null, -- festival time
    ends_at      timestamptz not null,
    withdrawn    boolean  not null default false,
    created_by   text     not null,
    check ((price_fen is null) <> (percent_off is null)),
    check (starts_at < ends_at)
);
create index flash_sales_window on flash_sales (starts_at, ends_at) where not withdrawn;
