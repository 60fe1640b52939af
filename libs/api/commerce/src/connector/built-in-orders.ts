import type { DataSource } from 'typeorm';
import type { CommerceOrder, CommerceShipment } from './commerce-connector';

// Orders as the built-in connector reads them: the order rows first, then their details in batched queries.

/** One row of `SELECT ${ORDER_COLUMNS}`. */
export interface OrderRow {
  id: number;
  number: string;
  customer_external_id: string;
  status: CommerceOrder['status'];
  currency: string;
  subtotal: number;
  discount: number;
  shipping_fee: number;
  total: number;
  placed_at: Date;
  paid_at: Date | null;
  shipping_address: CommerceOrder['shippingAddress'];
}

/** Selects an order `o` joined to its customer `c`. */
export const ORDER_COLUMNS = `o.id, o.number, c.external_id AS customer_external_id, o.status, o.currency, o.subtotal,
  o.discount, o.shipping_fee, o.total, o.placed_at, o.paid_at, o.shipping_address`;

/** Loads items, payments and shipments of many orders in three queries. */
export async function loadOrderDetails(db: DataSource, rows: OrderRow[]): Promise<CommerceOrder[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [items, payments, shipmentIds] = await Promise.all([
    db.query(
      `SELECT order_id, sku_id, product_id, name, quantity, unit_price, total FROM commerce_order_items
       WHERE order_id = ANY($1) ORDER BY id`,
      [ids],
    ) as Promise<
      {
        order_id: number;
        sku_id: string;
        product_id: string;
        name: string;
        quantity: number;
        unit_price: number;
        total: number;
      }[]
    >,
    db.query(
      `SELECT order_id, gateway, status, amount, failure_code, created_at FROM commerce_payments
       WHERE order_id = ANY($1) ORDER BY created_at, id`,
      [ids],
    ) as Promise<
      {
        order_id: number;
        gateway: string;
        status: CommerceOrder['payments'][number]['status'];
        amount: number;
        failure_code: string | null;
        created_at: Date;
      }[]
    >,
    db.query(`SELECT id FROM commerce_shipments WHERE order_id = ANY($1) ORDER BY id`, [ids]) as Promise<
      { id: number }[]
    >,
  ]);
  const shipments = await loadShipments(
    db,
    shipmentIds.map((s) => s.id),
  );
  return rows.map((o) => ({
    number: o.number,
    customerExternalId: o.customer_external_id,
    status: o.status,
    currency: o.currency.trim(),
    subtotal: o.subtotal,
    discount: o.discount,
    shippingFee: o.shipping_fee,
    total: o.total,
    placedAt: o.placed_at,
    paidAt: o.paid_at,
    shippingAddress: o.shipping_address,
    items: items
      .filter((i) => i.order_id === o.id)
      .map((i) => ({
        skuId: i.sku_id,
        productId: i.product_id,
        name: i.name,
        quantity: i.quantity,
        unitPrice: i.unit_price,
        total: i.total,
      })),
    payments: payments
      .filter((p) => p.order_id === o.id)
      .map((p) => ({
        gateway: p.gateway,
        status: p.status,
        amount: p.amount,
        failureCode: p.failure_code,
        createdAt: p.created_at,
      })),
    shipments: shipments.filter((s) => s.orderNumber === o.number),
  }));
}

/** Shipments by id with their events, newest event first. */
export async function loadShipments(db: DataSource, ids: number[]): Promise<CommerceShipment[]> {
  if (!ids.length) return [];
  const [rows, events] = await Promise.all([
    db.query(
      `SELECT s.id, o.number AS order_number, s.carrier, s.tracking_number, s.status, s.eta, s.exception_reason,
              s.shipped_at, s.delivered_at
       FROM commerce_shipments s JOIN commerce_orders o ON o.id = s.order_id WHERE s.id = ANY($1) ORDER BY s.id`,
      [ids],
    ) as Promise<
      {
        id: number;
        order_number: string;
        carrier: string;
        tracking_number: string | null;
        status: CommerceShipment['status'];
        eta: Date | null;
        exception_reason: string | null;
        shipped_at: Date | null;
        delivered_at: Date | null;
      }[]
    >,
    db.query(
      `SELECT shipment_id, status, code, location, note, occurred_at FROM commerce_shipment_events
       WHERE shipment_id = ANY($1) ORDER BY occurred_at DESC, id DESC`,
      [ids],
    ) as Promise<
      {
        shipment_id: number;
        status: CommerceShipment['status'];
        code: string;
        location: string | null;
        note: string | null;
        occurred_at: Date;
      }[]
    >,
  ]);
  return rows.map((s) => ({
    orderNumber: s.order_number,
    carrier: s.carrier,
    trackingNumber: s.tracking_number,
    status: s.status,
    eta: s.eta,
    exceptionReason: s.exception_reason,
    shippedAt: s.shipped_at,
    deliveredAt: s.delivered_at,
    events: events
      .filter((e) => e.shipment_id === s.id)
      .map((e) => ({
        status: e.status,
        code: e.code,
        location: e.location,
        note: e.note,
        occurredAt: e.occurred_at,
      })),
  }));
}
