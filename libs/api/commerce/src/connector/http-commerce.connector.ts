import { z } from 'zod';
import {
  type Cart,
  type Promotion,
  type PromotionStackingResult,
  findBestPromotionCombination,
} from '../calculators/promotion-stacking';
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
  CommerceUnavailableError,
  checkRequestKey,
} from './commerce-connector';
import {
  cancelResultSchema,
  customerSchema,
  orderSchema,
  productSchema,
  promotionSchema,
  returnOutcomeSchema,
  returnSchema,
  shipmentSchema,
  stockSchema,
} from './http-commerce.schemas';

export interface HttpCommerceOptions {
  /** e.g. https://orders.example.com/kefu/v1 (no trailing slash needed). */
  baseUrl: string;
  token?: string;
  timeoutMs: number;
}

/**
 * The enterprise's own order system over HTTP, per the JSON contract in docs/commerce-connector.md.
 * 404 means "not found" (`null` / `[]`, a refused return, `not_found`); a timeout, a network error, any
 * other status or an answer that does not fit the contract throws `CommerceUnavailableError`. The actions
 * send the caller's request key as `Idempotency-Key` (and in the body): the order system must answer a
 * repeated key with the first answer and change nothing.
 */
export class HttpCommerceConnector implements CommerceConnector {
  private readonly base: string;

  constructor(private readonly opts: HttpCommerceOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
  }

  findOrder(number: string): Promise<CommerceOrder | null> {
    return this.get(`/orders/${enc(number.trim())}`, orderSchema);
  }

  async ordersOfCustomer(
    customerRef: string,
    opts: { since?: Date; limit?: number } = {},
  ): Promise<CommerceOrder[]> {
    const res = await this.get(
      `/customers/${enc(customerRef)}/orders${query({ since: opts.since?.toISOString(), limit: opts.limit })}`,
      z.object({ orders: z.array(orderSchema) }),
    );
    return res?.orders ?? [];
  }

  findCustomer(ref: CustomerLookup): Promise<CommerceCustomer | null> {
    return this.get(`/customers${query(ref)}`, customerSchema) as Promise<CommerceCustomer | null>;
  }

  async verifyOrderAccess(orderNumber: string, proof: OrderAccessProof): Promise<boolean> {
    const res = await this.call(
      'POST',
      `/orders/${enc(orderNumber.trim())}/verify`,
      z.object({ verified: z.boolean() }),
      proof,
    );
    return res?.verified === true;
  }

  async trackShipment(ref: string): Promise<CommerceShipment[]> {
    const res = await this.get(
      `/shipments${query({ ref: ref.trim() })}`,
      z.object({ shipments: z.array(shipmentSchema) }),
    );
    return res?.shipments ?? [];
  }

  stockOf(ref: string, filter: { colour?: string; size?: string } = {}): Promise<CommerceStock | null> {
    return this.get(`/stock/${enc(ref.trim())}${query(filter)}`, stockSchema);
  }

  async findProducts(
    q: string,
    opts: { limit?: number; category?: string } = {},
  ): Promise<CommerceProduct[]> {
    const res = await this.get(
      `/products${query({ q, limit: opts.limit, category: opts.category })}`,
      z.object({ products: z.array(productSchema) }),
    );
    return res?.products ?? [];
  }

  getProduct(id: string): Promise<CommerceProduct | null> {
    return this.get(`/products/${enc(id.trim())}`, productSchema);
  }

  async returnsOfOrder(orderNumber: string): Promise<CommerceReturn[]> {
    const res = await this.get(
      `/orders/${enc(orderNumber.trim())}/returns`,
      z.object({ returns: z.array(returnSchema) }),
    );
    return (res?.returns ?? []).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  /** The order system applies its own return policy; `now` is not sent (its clock decides). */
  async createReturn(input: CreateReturnInput, _now?: Date): Promise<ReturnOutcome> {
    const requestKey = checkRequestKey(input.requestKey);
    const body = {
      orderNumber: input.orderNumber.trim(),
      skuId: input.skuId?.trim() || undefined,
      kind: input.kind,
      reason: input.reason,
      requestKey,
      exchangeFor: input.kind === 'exchange' ? input.exchangeFor : undefined,
    };
    const res = await this.call('POST', '/returns', returnOutcomeSchema, body, requestKey);
    return res ?? { decision: 'refused', reasonCode: 'order_not_found', rma: null };
  }

  async cancelOrder(orderNumber: string, requestKey: string): Promise<CancelOrderResult> {
    const key = checkRequestKey(requestKey);
    const res = await this.call(
      'POST',
      `/orders/${enc(orderNumber.trim())}/cancel`,
      cancelResultSchema,
      { requestKey: key },
      key,
    );
    return res ?? { outcome: 'not_found', order: null };
  }

  async promotionsFor(cart: Cart, now = new Date()): Promise<PromotionStackingResult> {
    const res = await this.get(
      `/promotions${query({ at: now.toISOString() })}`,
      z.object({ promotions: z.array(promotionSchema) }),
    );
    const promotions = (res?.promotions ?? []) as unknown as Promotion[];
    try {
      return findBestPromotionCombination({ cart, promotions, now });
    } catch (e) {
      // A promotion the calculators refuse is the order system's fault, not the shopper's cart.
      if (e instanceof RangeError && e.message.startsWith('promotions['))
        throw new CommerceUnavailableError(`the order system sent an invalid promotion: ${e.message}`, e);
      throw e;
    }
  }

  private get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T> | null> {
    return this.call('GET', path, schema);
  }

  private async call<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<z.infer<T> | null> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.opts.token) headers['authorization'] = `Bearer ${this.opts.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      text = await res.text();
    } catch (e) {
      // DOMException (the timeout) is not an `Error` in every realm: read its name and message as fields.
      const { name, message } = (e ?? {}) as { name?: string; message?: string };
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new CommerceUnavailableError(
        timedOut
          ? `the order system did not answer ${method} ${path} within ${this.opts.timeoutMs} ms`
          : `the order system could not be reached (${method} ${path}): ${message ?? String(e)}`,
        e,
      );
    }
    if (res.status === 404) return null;
    if (!res.ok)
      throw new CommerceUnavailableError(`the order system answered ${res.status} to ${method} ${path}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new CommerceUnavailableError(`the order system sent malformed JSON for ${method} ${path}`, e);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CommerceUnavailableError(
        `the order system's answer to ${method} ${path} does not fit the contract: ${issue.path.join('.') || '(root)'} ${issue.message}`,
        parsed.error,
      );
    }
    return parsed.data;
  }
}

const enc = encodeURIComponent;

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
