-- Returns: a shopper gives back units of a confirmed order and is refunded what those units were charged. The
-- idempotency key lives in the refund row, so the key and the refund commit together: a retry never refunds twice.
create table order_refunds (
    id              uuid primary key,
    order_id        uuid   not null references orders (id),
    shopper_id      text   not null,
    idempotency_key text   not null,
    request_hash    text   not null,
    amount_fen      bigint not null check (amount_fen >= 0),
    currency        text   not null,
    reason          text,
    refunded_at     timestamptz not null, -- festival time
    unique (shopper_id, idempotency_key)
);
create index order_refunds_order on order_refunds (order_id, refunded_at);

create table order_refund_lines (
    refund_id  uuid   not null references order_refunds (id),
    line_no    int    not null,
    quantity   int    not null check (quantity > 0),
    amount_fen bigint not null check (amount_fen >= 0),
    primary key (refund_id, line_no)
);

-- What has gone back so far; a line can never give back more units or fen than it had.
alter table order_lines add column refunded_quantity int not null default 0;
alter table order_lines add column refunded_fen bigint not null default 0;
alter table order_lines add constraint order_lines_refund_bounded
    check (refunded_quantity between 0 and quantity and refunded_fen between 0 and paid_fen);
alter table orders add column refunded_fen bigint not null default 0;
alter table orders add constraint orders_refund_bounded check (refunded_fen between 0 and paid_fen);
