-- Orders bought inside a session, from the order service's events: one row per order, so a second confirmation
-- of the same order (another event id) adds nothing, and a cancellation after confirmation takes it back.
create table session_orders (
    order_id     uuid primary key,
    session_id   uuid not null,
    shopper_id   text not null,
    units        int not null,
    paid_fen     bigint not null,
    cancelled    boolean not null default false,
    confirmed_at timestamptz not null
);
create index session_orders_by_session on session_orders (session_id) where not cancelled;
