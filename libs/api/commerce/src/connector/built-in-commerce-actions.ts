import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ExclusiveTransactions } from '@kefu/api/platform/database';
import {
  DEFAULT_RETURN_POLICY,
  type ReturnDecision,
  type ReturnPolicy,
  type ReturnRoutingReason,
  routeReturn,
} from '../calculators/return-routing';
import type { OrderStatus } from '../entities/order.entity';
import type { ReturnKind, ReturnStatus } from '../entities/rma.entity';
import type { ShipmentStatus } from '../entities/shipment.entity';
import {
  type CancelOutcome,
  type CommerceReturn,
  type CreateReturnInput,
  type ExchangeTarget,
  type ReturnOutcome,
  type ReturnOutcomeReason,
  checkRequestKey,
} from './commerce-connector';

/** Nest token of the policy the built-in shop routes returns with; `DEFAULT_RETURN_POLICY` when not provided. */
export const RETURN_POLICY = Symbol('RETURN_POLICY');

/** Orders that have not left the warehouse: unpaid, paid, being packed. */
const CANCELLABLE: OrderStatus[] = ['pending_payment', 'paid', 'processing'];
/** Shipment states before the carrier has the parcel. */
const NOT_LEFT: ShipmentStatus[] = ['pending', 'packed'];
/** RMAs that no longer hold the item: it may be asked for again. */
const CLOSED: ReturnStatus[] = ['rejected', 'cancelled'];

const RETURN_SELECT = `SELECT r.id, r.order_id, r.order_item_id, r.rma_number, o.number AS order_number, r.kind, r.status,
    r.reason, r.refund_amount, r.currency, i.sku_id, r.exchange_for, r.label_url, r.routing_reason, r.created_at,
    r.updated_at
  FROM commerce_returns r JOIN commerce_orders o ON o.id = r.order_id
  LEFT JOIN commerce_order_items i ON i.id = r.order_item_id`;

interface ReturnRow {
  id: number;
  order_id: number;
  order_item_id: number | null;
  rma_number: string;
  order_number: string;
  kind: ReturnKind;
  status: ReturnStatus;
  reason: string;
  refund_amount: number;
  currency: string;
  sku_id: string | null;
  exchange_for: ExchangeTarget | null;
  label_url: string | null;
  routing_reason: ReturnRoutingReason | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * The built-in shop's returns (read and create, routed by `routeReturn`) and cancellations. Each action
 * runs in one transaction that locks the order row, so two requests for one order never both act.
 */
@Injectable()
export class BuiltInCommerceActions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: ExclusiveTransactions,
    @Optional() @Inject(RETURN_POLICY) private readonly policy: ReturnPolicy = DEFAULT_RETURN_POLICY,
  ) {}

  async returnsOfOrder(orderNumber: string): Promise<CommerceReturn[]> {
    const rows = (await this.db.query(
      `${RETURN_SELECT} WHERE o.number = $1 ORDER BY r.created_at DESC, r.id DESC`,
      [normaliseNumber(orderNumber)],
    )) as ReturnRow[];
    return rows.map(toCommerceReturn);
  }

  async createReturn(input: CreateReturnInput, now = new Date()): Promise<ReturnOutcome> {
    const requestKey = checkRequestKey(input.requestKey);
    if (input.kind !== 'return' && input.kind !== 'exchange')
      throw new RangeError(`kind must be return or exchange, got ${String(input.kind)}`);
    return this.tx.run(async (em) => {
      const [order] = (await em.query(
        `SELECT id, number, status, currency, subtotal, discount FROM commerce_orders WHERE number = $1 FOR UPDATE`,
        [normaliseNumber(input.orderNumber)],
      )) as {
        id: number;
        number: string;
        status: OrderStatus;
        currency: string;
        subtotal: number;
        discount: number;
      }[];
      if (!order) return refused('order_not_found');

      // The same request again (the order lock orders concurrent ones): the first answer, nothing new.
      const [prior] = await returnsWhere(em, 'r.request_key = $1', [requestKey]);
      if (prior) {
        if (prior.order_id !== order.id)
          throw new RangeError(`requestKey "${requestKey}" was already used for order ${prior.order_number}`);
        return replayOf(prior);
      }

      const items = (await em.query(
        `SELECT i.id, i.sku_id, i.total, p.category FROM commerce_order_items i
         JOIN commerce_products p ON p.id = i.product_id WHERE i.order_id = $1 ORDER BY i.id`,
        [order.id],
      )) as { id: number; sku_id: string; total: number; category: string }[];
      const sku = input.skuId?.trim().toUpperCase();
      const item = sku ? items.find((i) => i.sku_id.toUpperCase() === sku) : items[0];
      if (!item) return refused('item_not_in_order');

      const [open] = await returnsWhere(
        em,
        `r.order_id = $1 AND (r.order_item_id = $2 OR r.order_item_id IS NULL) AND r.status <> ALL($3)
         ORDER BY r.created_at DESC, r.id DESC LIMIT 1`,
        [order.id, item.id, CLOSED],
      );
      if (open || order.status === 'returned')
        return refused('already_returned', open ? toCommerceReturn(open) : null);

      const [{ delivered_at }] = (await em.query(
        `SELECT max(delivered_at) AS delivered_at FROM commerce_shipments WHERE order_id = $1`,
        [order.id],
      )) as { delivered_at: Date | string | null }[];
      const delivered = order.status === 'delivered' && delivered_at ? new Date(delivered_at) : null;
      // What the shopper paid for the line: its share of the order's discount comes off.
      const value =
        order.subtotal > 0
          ? Math.max(item.total - Math.round((order.discount * item.total) / order.subtotal), 0)
          : item.total;
      const routing = routeReturn({
        category: item.category,
        itemValue: value,
        currency: order.currency.trim(),
        deliveredAt: delivered && delivered > now ? now : delivered,
        now,
        policy: this.policy,
      });
      if (routing.decision === 'refused') return refused(routing.reason);

      const exchange = input.kind === 'exchange';
      const kind: ReturnKind = exchange
        ? 'exchange'
        : routing.decision === 'refund_without_return'
          ? 'refund_only'
          : 'return';
      const status: ReturnStatus =
        routing.decision === 'return_label' ? 'label_issued' : exchange ? 'approved' : 'refunded';
      const inserted = (await em.query(
        `WITH n AS (SELECT nextval(pg_get_serial_sequence('commerce_returns', 'id')) AS id)
         INSERT INTO commerce_returns (id, rma_number, order_id, order_item_id, kind, status, reason, refund_amount,
           currency, request_key, routing_reason, exchange_for, label_url, created_at, updated_at)
         SELECT n.id, 'RMA' || (1000000 + n.id), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb,
           CASE WHEN $11::boolean THEN '/returns/RMA' || (1000000 + n.id) || '/label.pdf' END, $12, $12
         FROM n
         ON CONFLICT (request_key) DO NOTHING
         RETURNING id`,
        [
          order.id,
          item.id,
          kind,
          status,
          (input.reason ?? '').trim().slice(0, 500) || input.kind,
          exchange ? 0 : value,
          order.currency.trim(),
          requestKey,
          routing.reason,
          exchange ? exchangeTarget(input.exchangeFor) : null,
          routing.decision === 'return_label',
          now,
        ],
      )) as { id: number }[];
      // Only a concurrent request with this key for another order gets here (same-order ones wait on the lock).
      if (!inserted.length)
        throw new RangeError(`requestKey "${requestKey}" was already used for another order`);
      const [rma] = await returnsWhere(em, 'r.id = $1', [inserted[0].id]);
      return { decision: routing.decision, reasonCode: routing.reason, rma: toCommerceReturn(rma) };
    });
  }

  /** The outcome, and the order's number when it exists (the caller reloads it after the commit). */
  cancelOrder(orderNumber: string): Promise<{ outcome: CancelOutcome; number: string | null }> {
    return this.tx.run(async (em) => {
      const [order] = (await em.query(
        `SELECT id, number, status FROM commerce_orders WHERE number = $1 FOR UPDATE`,
        [normaliseNumber(orderNumber)],
      )) as { id: number; number: string; status: OrderStatus }[];
      if (!order) return { outcome: 'not_found' as const, number: null };
      if (order.status === 'cancelled')
        return { outcome: 'already_cancelled' as const, number: order.number };
      const [{ n }] = (await em.query(
        `SELECT count(*)::int AS n FROM commerce_shipments
         WHERE order_id = $1 AND (status <> ALL($2) OR shipped_at IS NOT NULL)`,
        [order.id, NOT_LEFT],
      )) as { n: number }[];
      if (!CANCELLABLE.includes(order.status) || n > 0)
        return { outcome: 'too_late' as const, number: order.number };
      await em.query(`UPDATE commerce_orders SET status = 'cancelled' WHERE id = $1`, [order.id]);
      // What was paid goes back (a shipment that has not left stays as it is: shipments have no cancelled state).
      await em.query(
        `UPDATE commerce_payments SET status = 'refunded' WHERE order_id = $1 AND status = 'succeeded'`,
        [order.id],
      );
      return { outcome: 'cancelled' as const, number: order.number };
    });
  }
}

function normaliseNumber(number: string): string {
  return number.trim().toUpperCase();
}

async function returnsWhere(em: EntityManager, where: string, params: unknown[]): Promise<ReturnRow[]> {
  return (await em.query(`${RETURN_SELECT} WHERE ${where}`, params)) as ReturnRow[];
}

function refused(reasonCode: ReturnOutcomeReason, rma: CommerceReturn | null = null): ReturnOutcome {
  return { decision: 'refused', reasonCode, rma };
}

/** The answer a stored RMA was created with, for a repeated request. */
function replayOf(row: ReturnRow): ReturnOutcome {
  const reasonCode =
    row.routing_reason ??
    (row.kind === 'refund_only' ? 'below_value_threshold' : 'at_or_above_value_threshold');
  const decision: ReturnDecision =
    reasonCode === 'below_value_threshold' ? 'refund_without_return' : 'return_label';
  return { decision, reasonCode, rma: toCommerceReturn(row) };
}

/** The wanted colour and/or size as JSON, or `null` when neither is given. */
function exchangeTarget(target: ExchangeTarget | undefined): string | null {
  const out: ExchangeTarget = {};
  if (target?.colour?.trim()) out.colour = target.colour.trim();
  if (target?.size?.trim()) out.size = target.size.trim();
  return out.colour || out.size ? JSON.stringify(out) : null;
}

function toCommerceReturn(r: ReturnRow): CommerceReturn {
  return {
    rmaNumber: r.rma_number,
    orderNumber: r.order_number,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    refundAmount: r.refund_amount,
    currency: r.currency.trim(),
    skuId: r.sku_id,
    exchangeFor: r.exchange_for,
    labelUrl: r.label_url,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
