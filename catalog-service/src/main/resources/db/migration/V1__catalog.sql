-- The catalog: brands and their stores, a category tree, products with SKUs, and stock with what checkouts hold.

create table categories (
    id        bigint       primary key,
    parent_id bigint       references categories (id),
    name      varchar(100) not null,
    unique (parent_id, name)
);

create table brands (
    id              uuid         primary key,
    name            varchar(120) not null,
    origin_country  char(2)      not null,
    cross_border    boolean      not null,
    commission_bp   integer      not null check (commission_bp between 0 and 10000),
    created_at      timestamptz  not null
);
create unique index brands_name_key on brands (lower(name));

create table brand_applications (
    id              uuid         primary key,
    brand_name      varchar(120) not null,
    company_name    varchar(200) not null,
    registration_no varchar(60)  not null,
    origin_country  char(2)      not null,
    category_ids    bigint[]     not null,
    contact_name    varchar(120) not null,
    contact_email   varchar(200) not null,
    applicant       varchar(100) not null,
    state           varchar(20)  not null,
    rejection       varchar(500),
    submitted_at    timestamptz  not null,
    approved_at     timestamptz,
    open_by         timestamptz,
    brand_id        uuid         references brands (id),
    version         integer      not null default 0
);
-- One live application per brand name: a rejected or lapsed brand may apply again.
create unique index brand_applications_live_name on brand_applications (lower(brand_name))
    where state not in ('REJECTED', 'LAPSED');
create index brand_applications_state on brand_applications (state, open_by);

create table stores (
    id        uuid         primary key,
    brand_id  uuid         not null unique references brands (id),
    name      varchar(160) not null,
    status    varchar(10)  not null,
    opened_at timestamptz  not null
);

create table products (
    id            uuid         primary key,
    store_id      uuid         not null references stores (id),
    brand_id      uuid         not null references brands (id),
    category_id   bigint       not null references categories (id),
    title         varchar(200) not null,
    description   text         not null default '',
    listed        boolean      not null default true,
    min_price_fen bigint       not null check (min_price_fen > 0),
    created_at    timestamptz  not null,
    search        tsvector generated always as
                  (to_tsvector('simple', title || ' ' || description)) stored
);
-- Keyset pages walk the primary key; these serve the filters browsing combines with it.
create index products_search on products using gin (search);
create index products_category on products (category_id, id) where listed;
create index products_brand on products (brand_id, id);
create index products_store on products (store_id, id) where listed;
create index products_price on products (min_price_fen, id) where listed;

create table skus (
    id          uuid        primary key,
    product_id  uuid        not null references products (id),
    code        varchar(64) not null unique,
    label       varchar(120) not null default '',
    price_fen   bigint      not null check (price_fen > 0),
    currency    char(3)     not null default 'CNY',
    stock       integer     not null check (stock >= 0),
    reserved    integer     not null default 0 check (reserved >= 0),
    check (reserved <= stock)
);
create index skus_product on skus (product_id);

create table stock_reservations (
    order_id   uuid        not null,
    sku_id     uuid        not null references skus (id),
    quantity   integer     not null check (quantity > 0),
    state      varchar(10) not null,
    updated_at timestamptz not null default now(),
    primary key (order_id, sku_id)
);

-- The answer given to each order's reservation, so a repeated command gets the same answer.
create table stock_outcomes (
    order_id   uuid        primary key,
    outcome    varchar(30) not null,
    reason     varchar(30),
    sku_id     uuid,
    decided_at timestamptz not null default now()
);
