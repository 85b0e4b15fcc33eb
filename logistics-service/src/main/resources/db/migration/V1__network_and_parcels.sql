-- The delivery network: warehouses (regional, and bonded for cross-border goods), carriers by region, and
-- Hema-style stores that deliver within 3 km in 30 minutes from their own stock. Capacities are per festival hour.
create table warehouses (
    code             text primary key,
    name             text not null,
    kind             text not null check (kind in ('REGIONAL', 'BONDED')),
    province         text not null,
    city             text not null,
    latitude         double precision not null check (latitude between -90 and 90),
    longitude        double precision not null check (longitude between -180 and 180),
    parcels_per_hour int  not null check (parcels_per_hour >= 0)
);

-- An empty province list serves the whole country.
create table carriers (
    code             text primary key,
    name             text not null,
    provinces        text[] not null,
    parcels_per_hour int  not null check (parcels_per_hour >= 0)
);

create table hema_stores (
    code      text primary key,
    name      text not null,
    city      text not null,
    latitude  double precision not null check (latitude between -90 and 90),
    longitude double precision not null check (longitude between -180 and 180)
);

create table hema_stock (
    store_code text not null references hema_stores (code),
    sku_id     uuid not null,
    quantity   int  not null check (quantity >= 0),
    primary key (store_code, sku_id)
);

-- One parcel per order and origin: the unique key is what makes a repeated order event a no-op.
create table parcels (
    id           uuid primary key,
    order_id     uuid not null,
    origin       text not null,
    route        text not null check (route in ('STANDARD', 'CROSS_BORDER', 'HYPERLOCAL')),
    shopper_id   text not null,
    carrier_code text,
    state        text not null,
    province     text not null,
    city         text not null,
    created_at   timestamptz not null,
    promised_by  timestamptz not null,
    state_since  timestamptz not null,
    delivered_at timestamptz,
    customs_hold boolean not null default false,
    -- How long the line haul takes once the parcel is on the road, set from the promise when it is routed.
    transit_minutes int not null,
    unique (order_id, origin)
);
create index parcels_state on parcels (state, state_since);
create index parcels_shopper on parcels (shopper_id, created_at desc);

create table parcel_lines (
    parcel_id uuid not null references parcels (id),
    sku_id    uuid not null,
    quantity  int  not null
);
create index parcel_lines_parcel on parcel_lines (parcel_id);

create table parcel_timeline (
    id        bigserial primary key,
    parcel_id uuid not null references parcels (id),
    at        timestamptz not null,
    state     text not null,
    detail    text
);
create index parcel_timeline_parcel on parcel_timeline (parcel_id, id);

-- A network at the local stack's scale (a few thousand orders in the first hour): enough capacity to drain
-- the midnight backlog over the following day, not at once. Operators change it through the API.
insert into warehouses values
    ('HGH-1', 'Hangzhou regional', 'REGIONAL', 'Zhejiang', 'Hangzhou', 30.2741, 120.1551, 600),
    ('SHA-1', 'Shanghai regional', 'REGIONAL', 'Shanghai', 'Shanghai', 31.2304, 121.4737, 600),
    ('PEK-1', 'Beijing regional', 'REGIONAL', 'Beijing', 'Beijing', 39.9042, 116.4074, 600),
    ('CAN-1', 'Guangzhou regional', 'REGIONAL', 'Guangdong', 'Guangzhou', 23.1291, 113.2644, 600),
    ('CTU-1', 'Chengdu regional', 'REGIONAL', 'Sichuan', 'Chengdu', 30.5728, 104.0668, 400),
    ('WUH-1', 'Wuhan regional', 'REGIONAL', 'Hubei', 'Wuhan', 30.5928, 114.3055, 400),
    ('SHE-1', 'Shenyang regional', 'REGIONAL', 'Liaoning', 'Shenyang', 41.8057, 123.4315, 300),
    ('NGB-B', 'Ningbo bonded', 'BONDED', 'Zhejiang', 'Ningbo', 29.8683, 121.5440, 300),
    ('CAN-B', 'Guangzhou Nansha bonded', 'BONDED', 'Guangdong', 'Guangzhou', 22.8016, 113.5256, 300),
    ('TSN-B', 'Tianjin bonded', 'BONDED', 'Tianjin', 'Tianjin', 39.0842, 117.2010, 200);

insert into carriers values
    ('SF', 'SF Express', '{}', 1500),
    ('ZTO', 'ZTO Express', '{Zhejiang,Jiangsu,Shanghai,Anhui}', 1200),
    ('YTO', 'YTO Express', '{Guangdong,Fujian,Guangxi,Hainan}', 1000),
    ('STO', 'STO Express', '{Beijing,Tianjin,Hebei,Liaoning,Shandong}', 1000),
    ('YUNDA', 'Yunda Express', '{Sichuan,Chongqing,Hubei,Hunan,Shaanxi}', 800);

insert into hema_stores values
    ('HEMA-HGH-XIXI', 'Hema Xixi', 'Hangzhou', 30.2810, 120.0845),
    ('HEMA-HGH-WULIN', 'Hema Wulin', 'Hangzhou', 30.2772, 120.1630),
    ('HEMA-SHA-JINQIAO', 'Hema Jinqiao', 'Shanghai', 31.2636, 121.5890),
    ('HEMA-PEK-SHILIPU', 'Hema Shilipu', 'Beijing', 39.9237, 116.4926);
