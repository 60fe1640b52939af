import {
  type CancelOrderResult,
  type Cart,
  type CommerceConnector,
  type CommerceCustomer,
  type CommerceOrder,
  type CommerceProduct,
  type CommerceReturn,
  type CommerceShipment,
  type CommerceStock,
  type CreateReturnInput,
  type CustomerLookup,
  type PromotionStackingResult,
  type ReturnOutcome,
  findBestPromotionCombination,
} from '@kefu/api/commerce';

const DAY = 86_400_000;
export const FAKE_NOW = new Date('2025-06-20T08:00:00Z');

/**
 * A small in-memory shop for the tools' tests: a silver customer (C-1) with a delivered order 3 days ago
 * (KF1001, ¥259), a delivered order 30 days ago (KF1002, outside the 7-day window), another customer's order
 * (KF2001) and one product with two SKUs. `returns` records what `createReturn` was asked.
 */
export class FakeCommerceConnector implements CommerceConnector {
  readonly customers: CommerceCustomer[] = [
    {
      externalId: 'C-1',
      name: 'Li Lei',
      phone: '13800138000',
      email: 'li@example.com',
      tier: 'silver',
      lifetimeValue: 90_000,
      currency: 'CNY',
    },
    {
      externalId: 'C-2',
      name: 'Han Meimei',
      phone: '13900139000',
      email: null,
      tier: 'vip',
      lifetimeValue: 900_000,
      currency: 'CNY',
    },
  ];
  readonly orders: CommerceOrder[] = [
    order('KF1001', 'C-1', 3, 25_900, [
      {
        skuId: 'SKU-TEE-M',
        productId: 'P-TEE',
        name: 'T-shirt',
        quantity: 1,
        unitPrice: 25_900,
        total: 25_900,
      },
    ]),
    order('KF1002', 'C-1', 30, 19_900, [
      {
        skuId: 'SKU-TEE-L',
        productId: 'P-TEE',
        name: 'T-shirt',
        quantity: 1,
        unitPrice: 19_900,
        total: 19_900,
      },
    ]),
    order('KF2001', 'C-2', 2, 50_000, [
      {
        skuId: 'SKU-TEE-M',
        productId: 'P-TEE',
        name: 'T-shirt',
        quantity: 2,
        unitPrice: 25_000,
        total: 50_000,
      },
    ]),
  ];
  readonly products: CommerceProduct[] = [
    {
      id: 'P-TEE',
      names: { 'zh-CN': 'T恤', en: 'T-shirt', ja: 'Tシャツ' },
      brand: 'Kefu',
      category: 'apparel',
      attributes: {},
      priceFrom: 19_900,
      priceTo: 25_900,
      currency: 'CNY',
      colours: ['white'],
      sizes: ['M', 'L'],
      sizeChart: null,
    },
  ];
  readonly stock: CommerceStock = {
    productId: 'P-TEE',
    available: 12,
    lines: [
      {
        skuId: 'SKU-TEE-M',
        colour: 'white',
        size: 'M',
        storage: null,
        price: 25_900,
        currency: 'CNY',
        available: 5,
      },
      {
        skuId: 'SKU-TEE-L',
        colour: 'white',
        size: 'L',
        storage: null,
        price: 19_900,
        currency: 'CNY',
        available: 7,
      },
    ],
  };
  readonly returns: CreateReturnInput[] = [];
  /** Set to make every call throw `CommerceUnavailableError`-like failures (tests set it to an error). */
  failWith: Error | null = null;

  private check(): void {
    if (this.failWith) throw this.failWith;
  }

  async findOrder(number: string): Promise<CommerceOrder | null> {
    this.check();
    return this.orders.find((o) => o.number === number.trim().toUpperCase()) ?? null;
  }

  async ordersOfCustomer(customerRef: string): Promise<CommerceOrder[]> {
    this.check();
    return this.orders.filter((o) => o.customerExternalId === customerRef);
  }

  async findCustomer(ref: CustomerLookup): Promise<CommerceCustomer | null> {
    this.check();
    if ('externalId' in ref) return this.customers.find((c) => c.externalId === ref.externalId) ?? null;
    if ('phone' in ref) return this.customers.find((c) => c.phone === ref.phone) ?? null;
    return this.customers.find((c) => c.email === ref.email) ?? null;
  }

  async verifyOrderAccess(): Promise<boolean> {
    return false;
  }

  async trackShipment(ref: string): Promise<CommerceShipment[]> {
    this.check();
    return this.orders
      .flatMap((o) => o.shipments)
      .filter((s) => s.orderNumber === ref || s.trackingNumber === ref);
  }

  async stockOf(ref: string): Promise<CommerceStock | null> {
    this.check();
    const hit = ref === this.stock.productId || this.stock.lines.some((l) => l.skuId === ref);
    return hit ? this.stock : null;
  }

  async findProducts(): Promise<CommerceProduct[]> {
    return this.products;
  }

  async getProduct(id: string): Promise<CommerceProduct | null> {
    this.check();
    return id === 'P-TEE' || this.stock.lines.some((l) => l.skuId === id) ? this.products[0] : null;
  }

  async promotionsFor(cart: Cart, now = FAKE_NOW): Promise<PromotionStackingResult> {
    this.check();
    return findBestPromotionCombination({
      cart,
      now,
      promotions: [
        {
          id: 'MJ300',
          kind: 'threshold',
          label: '满300减50',
          benefit: { type: 'tiered', tiers: [{ threshold: 30_000, off: 5_000 }] },
        },
      ],
    });
  }

  async returnsOfOrder(): Promise<CommerceReturn[]> {
    return [];
  }

  async createReturn(input: CreateReturnInput, now = FAKE_NOW): Promise<ReturnOutcome> {
    this.check();
    this.returns.push(input);
    const o = this.orders.find((x) => x.number === input.orderNumber);
    const item = o?.items.find((i) => i.skuId === input.skuId);
    if (!o || !item) return { decision: 'refused', reasonCode: 'order_not_found', rma: null };
    const rma: CommerceReturn = {
      rmaNumber: `RMA${1000 + this.returns.length}`,
      orderNumber: o.number,
      kind: 'return',
      status: 'label_issued',
      reason: input.reason,
      refundAmount: item.total,
      currency: o.currency,
      skuId: item.skuId,
      exchangeFor: null,
      labelUrl: `/returns/RMA${1000 + this.returns.length}/label.pdf`,
      createdAt: now,
      updatedAt: now,
    };
    return { decision: 'return_label', reasonCode: 'at_or_above_value_threshold', rma };
  }

  async cancelOrder(): Promise<CancelOrderResult> {
    return { outcome: 'not_found', order: null };
  }
}

function order(
  number: string,
  customer: string,
  deliveredDaysAgo: number,
  total: number,
  items: CommerceOrder['items'],
): CommerceOrder {
  const delivered = new Date(FAKE_NOW.getTime() - deliveredDaysAgo * DAY);
  const shipped = new Date(delivered.getTime() - 2 * DAY);
  return {
    number,
    customerExternalId: customer,
    status: 'delivered',
    currency: 'CNY',
    subtotal: total,
    discount: 0,
    shippingFee: 0,
    total,
    placedAt: new Date(shipped.getTime() - DAY),
    paidAt: new Date(shipped.getTime() - DAY),
    shippingAddress: {
      recipient: 'Li Lei',
      phone: '13800138000',
      country: 'CN',
      region: 'SH',
      city: 'Shanghai',
      line1: '1 Nanjing Rd',
    },
    items,
    payments: [
      { gateway: 'alipay', status: 'succeeded', amount: total, failureCode: null, createdAt: shipped },
    ],
    shipments: [
      {
        orderNumber: number,
        carrier: 'SF',
        trackingNumber: `SF${number}`,
        status: 'delivered',
        eta: null,
        exceptionReason: null,
        shippedAt: shipped,
        deliveredAt: delivered,
        events: [
          { status: 'delivered', code: 'delivered', location: 'Shanghai', note: null, occurredAt: delivered },
        ],
      },
    ],
  };
}
