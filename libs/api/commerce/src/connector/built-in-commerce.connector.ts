import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type Cart,
  type Promotion,
  type PromotionStackingResult,
  findBestPromotionCombination,
} from '../calculators/promotion-stacking';
import type { SizeChart } from '../calculators/size-advice';
import { BuiltInCommerceActions } from './built-in-commerce-actions';
import {
  type CancelOrderResult,
  type CommerceConnector,
  type CommerceCustomer,
  type CommerceOrder,
  type CommerceProduct,
  type CommerceReturn,
  type CommerceShipment,
  type CommerceStock,
  type CreateReturnInput,
  type CustomerLookup,
  type OrderAccessProof,
  type ReturnOutcome,
  checkRequestKey,
} from './commerce-connector';
import { ORDER_COLUMNS, type OrderRow, loadOrderDetails, loadShipments } from './built-in-orders';
import { digitsOnly, normaliseEmail } from './proof';

/** The connector over Kefu's own commerce tables (the demo shop, or data synced in). */
@Injectable()
export class BuiltInCommerceConnector implements CommerceConnector {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly actions: BuiltInCommerceActions,
  ) {}

  async findOrder(number: string): Promise<CommerceOrder | null> {
    const rows = (await this.db.query(
      `SELECT ${ORDER_COLUMNS} FROM commerce_orders o JOIN commerce_customers c ON c.id = o.customer_id
       WHERE o.number = $1`,
      [number.trim().toUpperCase()],
    )) as OrderRow[];
    const [order] = await loadOrderDetails(this.db, rows);
    return order ?? null;
  }

  async ordersOfCustomer(
    customerRef: string,
    opts: { since?: Date; limit?: number } = {},
  ): Promise<CommerceOrder[]> {
    const rows = (await this.db.query(
      `SELECT ${ORDER_COLUMNS} FROM commerce_orders o JOIN commerce_customers c ON c.id = o.customer_id
       WHERE c.external_id = $1 AND ($2::timestamptz IS NULL OR o.placed_at >= $2)
       ORDER BY o.placed_at DESC, o.id DESC LIMIT $3`,
      [customerRef, opts.since ?? null, Math.min(Math.max(opts.limit ?? 20, 1), 100)],
    )) as OrderRow[];
    return loadOrderDetails(this.db, rows);
  }

  async findCustomer(ref: CustomerLookup): Promise<CommerceCustomer | null> {
    let where: string;
    let value: string;
    if ('externalId' in ref) [where, value] = ['external_id = $1', ref.externalId];
    else if ('email' in ref) [where, value] = ['lower(email) = $1', normaliseEmail(ref.email)];
    // Full number, with or without the country code; the tail index narrows it first.
    else
      [where, value] = [
        `(phone = $1 OR (length($1) >= 8 AND right(phone, 4) = right($1, 4) AND phone LIKE '%' || $1))`,
        digitsOnly(ref.phone),
      ];
    const rows = (await this.db.query(
      `SELECT external_id, name, phone, email, tier, lifetime_value, currency FROM commerce_customers
       WHERE ${where} ORDER BY id LIMIT 1`,
      [value],
    )) as {
      external_id: string;
      name: string;
      phone: string | null;
      email: string | null;
      tier: CommerceCustomer['tier'];
      lifetime_value: string;
      currency: string;
    }[];
    const c = rows[0];
    if (!c) return null;
    return {
      externalId: c.external_id,
      name: c.name,
      phone: c.phone,
      email: c.email,
      tier: c.tier,
      lifetimeValue: Number(c.lifetime_value),
      currency: c.currency.trim(),
    };
  }

  async verifyOrderAccess(orderNumber: string, proof: OrderAccessProof): Promise<boolean> {
    const rows = (await this.db.query(
      `SELECT c.phone, c.email FROM commerce_orders o JOIN commerce_customers c ON c.id = o.customer_id
       WHERE o.number = $1`,
      [orderNumber.trim().toUpperCase()],
    )) as { phone: string | null; email: string | null }[];
    const c = rows[0];
    if (!c) return false;
    if ('phoneTail' in proof) {
      const tail = digitsOnly(proof.phoneTail);
      return tail.length >= 4 && !!c.phone && digitsOnly(c.phone).endsWith(tail);
    }
    return !!c.email && normaliseEmail(c.email) === normaliseEmail(proof.email);
  }

  async trackShipment(ref: string): Promise<CommerceShipment[]> {
    const key = ref.trim().toUpperCase();
    const rows = (await this.db.query(
      `SELECT s.id, o.number FROM commerce_shipments s JOIN commerce_orders o ON o.id = s.order_id
       WHERE s.tracking_number = $1
       UNION
       SELECT s.id, o.number FROM commerce_orders o JOIN commerce_shipments s ON s.order_id = o.id
       WHERE o.number = $1`,
      [key],
    )) as { id: number }[];
    return loadShipments(
      this.db,
      rows.map((r) => r.id),
    );
  }

  async stockOf(ref: string, filter: { colour?: string; size?: string } = {}): Promise<CommerceStock | null> {
    const rows = (await this.db.query(
      `SELECT k.id, k.product_id, k.colour, k.size, k.storage, k.price, k.currency,
              COALESCE(sum(GREATEST(st.quantity - st.reserved, 0)), 0)::int AS available
       FROM commerce_skus k LEFT JOIN commerce_stock st ON st.sku_id = k.id
       WHERE k.product_id = (SELECT product_id FROM commerce_skus WHERE id = $1 UNION SELECT id FROM commerce_products WHERE id = $1 LIMIT 1)
         AND ($2::text IS NULL OR lower(k.colour) = lower($2))
         AND ($3::text IS NULL OR lower(k.size) = lower($3))
         AND (NOT EXISTS (SELECT 1 FROM commerce_skus WHERE id = $1) OR k.id = $1)
       GROUP BY k.id ORDER BY k.id`,
      [ref.trim(), filter.colour ?? null, filter.size ?? null],
    )) as {
      id: string;
      product_id: string;
      colour: string | null;
      size: string | null;
      storage: string | null;
      price: number;
      currency: string;
      available: number;
    }[];
    if (!rows.length) {
      const known = (await this.db.query(
        `SELECT id FROM commerce_products WHERE id = $1 UNION SELECT product_id FROM commerce_skus WHERE id = $1`,
        [ref.trim()],
      )) as { id: string }[];
      return known.length ? { productId: known[0].id, lines: [], available: 0 } : null;
    }
    const lines = rows.map((r) => ({
      skuId: r.id,
      colour: r.colour,
      size: r.size,
      storage: r.storage,
      price: r.price,
      currency: r.currency.trim(),
      available: r.available,
    }));
    return {
      productId: rows[0].product_id,
      lines,
      available: lines.reduce((s, l) => s + l.available, 0),
    };
  }

  async findProducts(
    query: string,
    opts: { limit?: number; category?: string } = {},
  ): Promise<CommerceProduct[]> {
    const q = query.trim().toLowerCase();
    return this.products(
      `p.active AND ($2::text IS NULL OR p.category = $2)
       AND ($1 = '' OR p.search_text LIKE '%' || $1 || '%' OR p.search_text % $1 OR p.id = upper($1))`,
      `(p.search_text LIKE '%' || $1 || '%') DESC, similarity(p.search_text, $1) DESC, p.id LIMIT $3`,
      [q.replace(/[%_\\]/g, ''), opts.category ?? null, Math.min(Math.max(opts.limit ?? 10, 1), 50)],
    );
  }

  async getProduct(id: string): Promise<CommerceProduct | null> {
    const ref = id.trim();
    const [product] = await this.products(
      `p.active AND p.id = (SELECT id FROM commerce_products WHERE id IN ($1, upper($1))
         UNION ALL SELECT product_id FROM commerce_skus WHERE id IN ($1, upper($1)) LIMIT 1)`,
      'p.id',
      [ref],
    );
    return product ?? null;
  }

  async promotionsFor(cart: Cart, now = new Date()): Promise<PromotionStackingResult> {
    const rows = (await this.db.query(
      `SELECT id, kind, rules FROM commerce_promotions
       WHERE active AND (valid_until IS NULL OR valid_until > $1) ORDER BY id LIMIT 50`,
      [now],
    )) as { id: string; kind: Promotion['kind']; rules: Record<string, unknown> }[];
    const promotions = rows.map((r) => toPromotion(r.id, r.kind, r.rules));
    return findBestPromotionCombination({ cart, promotions, now });
  }

  returnsOfOrder(orderNumber: string): Promise<CommerceReturn[]> {
    return this.actions.returnsOfOrder(orderNumber);
  }

  createReturn(input: CreateReturnInput, now = new Date()): Promise<ReturnOutcome> {
    return this.actions.createReturn(input, now);
  }

  /** The order's state makes a repeat harmless (`already_cancelled`); the key is only checked. */
  async cancelOrder(orderNumber: string, requestKey: string): Promise<CancelOrderResult> {
    checkRequestKey(requestKey);
    const { outcome, number } = await this.actions.cancelOrder(orderNumber);
    return { outcome, order: number ? await this.findOrder(number) : null };
  }

  /** Products with their price range, colours, sizes and size chart; `where`/`orderBy` over `p`. */
  private async products(where: string, orderBy: string, params: unknown[]): Promise<CommerceProduct[]> {
    const rows = (await this.db.query(
      `SELECT p.id, p.name_zh, p.name_en, p.name_ja, p.brand, p.category, p.attributes, p.size_chart,
              min(k.price) AS price_from, max(k.price) AS price_to, min(k.currency) AS currency,
              array_remove(array_agg(DISTINCT k.colour), NULL) AS colours,
              array_remove(array_agg(DISTINCT k.size), NULL) AS sizes
       FROM commerce_products p JOIN commerce_skus k ON k.product_id = p.id
       WHERE ${where}
       GROUP BY p.id
       ORDER BY ${orderBy}`,
      params,
    )) as {
      id: string;
      name_zh: string;
      name_en: string;
      name_ja: string;
      brand: string;
      category: string;
      attributes: Record<string, unknown>;
      size_chart: SizeChart | null;
      price_from: number;
      price_to: number;
      currency: string;
      colours: string[];
      sizes: string[];
    }[];
    return rows.map((r) => ({
      id: r.id,
      names: { 'zh-CN': r.name_zh, en: r.name_en, ja: r.name_ja },
      brand: r.brand,
      category: r.category,
      attributes: r.attributes,
      priceFrom: r.price_from,
      priceTo: r.price_to,
      currency: r.currency.trim(),
      colours: r.colours,
      sizes: r.sizes,
      sizeChart: r.size_chart,
    }));
  }
}

/** A stored promotion back into the calculators' shape (dates were stored as ISO strings). */
export function toPromotion(id: string, kind: Promotion['kind'], rules: Record<string, unknown>): Promotion {
  const r = rules as Omit<Promotion, 'id' | 'kind' | 'validFrom' | 'validUntil'> & {
    validFrom?: string;
    validUntil?: string;
  };
  return {
    ...r,
    id,
    kind,
    validFrom: r.validFrom ? new Date(r.validFrom) : undefined,
    validUntil: r.validUntil ? new Date(r.validUntil) : undefined,
  };
}
