-- Returns: the units a shopper sent back after a refund, on their way from the door to the warehouse they left.
-- One return per refund and outbound parcel, so a redelivered refund adds nothing.
create table return_parcels (
    id          uuid primary key,
    refund_id   uuid not null,
    order_id    uuid not null,
    parcel_id   uuid not null references parcels (id),
    shopper_id  text not null,
    destination text not null,
    state       text not null check (state in ('AWAITING_PICKUP', 'IN_TRANSIT', 'RECEIVED')),
    created_at  timestamptz not null, -- festival time
    state_since timestamptz not null,
    unique (refund_id, parcel_id)
);
create index return_parcels_order on return_parcels (order_id);
create index return_parcels_moving on return_parcels (state, state_since) where state <> 'RECEIVED';

create table return_parcel_lines (
    return_id uuid not null references return_parcels (id),
    sku_id    uuid not null,
    quantity  int  not null check (quantity > 0),
    primary key (return_id, sku_id)
);
