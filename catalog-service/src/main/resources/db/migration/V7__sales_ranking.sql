-- Recent sales for the "best sellers" sort: units sold per product per festival day (net of returns), and their
-- sum over the window kept on the product so a sorted page reads one index.
create table product_daily_sales (
    product_id uuid   not null references products (id),
    day        date   not null, -- festival day, Beijing
    units      bigint not null,
    primary key (product_id, day)
);
create index product_daily_sales_day on product_daily_sales (day);

alter table products add column sold_recent bigint not null default 0;
create index products_best_sellers on products (sold_recent desc, id) where listed;

-- The oldest festival day the window still counts; one row.
create table sales_window (
    id        boolean primary key default true check (id),
    first_day date not null
);
insert into sales_window (first_day) values (date '2000-01-01');
