import { z } from 'zod';
import { CUSTOMER_TIERS } from '../entities/customer.entity';
import { RETURN_KINDS, RETURN_STATUSES } from '../entities/rma.entity';
import { SHIPMENT_STATUSES } from '../entities/shipment.entity';
import type { ReturnOutcomeReason } from './commerce-connector';

/** The order system's answers (docs/commerce-connector.md), checked before the bot believes them. */
const money = z.number().int();
const date = z.coerce.date();
const shipmentStatus = z.enum(SHIPMENT_STATUSES);

export const customerSchema = z.object({
  externalId: z.string().min(1),
  name: z.string(),
  phone: z.string().nullable().default(null),
  email: z.string().nullable().default(null),
  tier: z.enum(CUSTOMER_TIERS as [string, ...string[]]).default('regular'),
  lifetimeValue: money.default(0),
  currency: z.string().length(3),
});

export const shipmentSchema = z.object({
  orderNumber: z.string(),
  carrier: z.string(),
  trackingNumber: z.string().nullable().default(null),
  status: shipmentStatus,
  eta: date.nullable().default(null),
  exceptionReason: z.string().nullable().default(null),
  shippedAt: date.nullable().default(null),
  deliveredAt: date.nullable().default(null),
  events: z
    .array(
      z.object({
        status: shipmentStatus,
        code: z.string(),
        location: z.string().nullable().default(null),
        note: z.string().nullable().default(null),
        occurredAt: date,
      }),
    )
    .default([]),
});

export const orderSchema = z.object({
  number: z.string().min(1),
  customerExternalId: z.string(),
  status: z.enum(['pending_payment', 'paid', 'processing', 'shipped', 'delivered', 'cancelled', 'returned']),
  currency: z.string().length(3),
  subtotal: money,
  discount: money.default(0),
  shippingFee: money.default(0),
  total: money,
  placedAt: date,
  paidAt: date.nullable().default(null),
  shippingAddress: z
    .object({
      recipient: z.string(),
      phone: z.string(),
      country: z.string(),
      region: z.string(),
      city: z.string(),
      line1: z.string(),
      postcode: z.string().optional(),
    })
    .nullable()
    .default(null),
  items: z
    .array(
      z.object({
        skuId: z.string(),
        productId: z.string(),
        name: z.string(),
        quantity: z.number().int().positive(),
        unitPrice: money,
        total: money,
      }),
    )
    .default([]),
  payments: z
    .array(
      z.object({
        gateway: z.string(),
        status: z.enum(['pending', 'succeeded', 'failed', 'refunded']),
        amount: money,
        failureCode: z.string().nullable().default(null),
        createdAt: date,
      }),
    )
    .default([]),
  shipments: z.array(shipmentSchema).default([]),
});

export const stockSchema = z.object({
  productId: z.string(),
  lines: z.array(
    z.object({
      skuId: z.string(),
      colour: z.string().nullable().default(null),
      size: z.string().nullable().default(null),
      storage: z.string().nullable().default(null),
      price: money,
      currency: z.string().length(3),
      available: z.number().int(),
    }),
  ),
  available: z.number().int(),
});

const measure = z
  .object({ min: z.number().nonnegative(), max: z.number().nonnegative() })
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max' })
  .optional();

/** A size chart as `adviseSize` takes it: sizes from the smallest up, each named once. */
export const sizeChartSchema = z.object({
  entries: z
    .array(
      z.object({
        size: z.string().min(1),
        heightCm: measure,
        weightKg: measure,
        chestCm: measure,
        waistCm: measure,
        footLengthCm: measure,
      }),
    )
    .min(1)
    .refine((entries) => new Set(entries.map((e) => e.size)).size === entries.length, {
      message: 'sizes must not repeat',
    }),
});

export const productSchema = z.object({
  id: z.string(),
  names: z.object({ 'zh-CN': z.string(), en: z.string(), ja: z.string() }),
  brand: z.string().default(''),
  category: z.string(),
  attributes: z.record(z.string(), z.unknown()).default({}),
  priceFrom: money,
  priceTo: money,
  currency: z.string().length(3),
  colours: z.array(z.string()).default([]),
  sizes: z.array(z.string()).default([]),
  sizeChart: sizeChartSchema.nullable().default(null),
});

export const returnSchema = z
  .object({
    rmaNumber: z.string().min(1),
    orderNumber: z.string().min(1),
    kind: z.enum(RETURN_KINDS),
    status: z.enum(RETURN_STATUSES),
    reason: z.string().default(''),
    refundAmount: money.nonnegative().default(0),
    currency: z.string().length(3),
    skuId: z.string().nullable().default(null),
    exchangeFor: z
      .object({ colour: z.string().optional(), size: z.string().optional() })
      .nullable()
      .default(null),
    labelUrl: z.string().nullable().default(null),
    createdAt: date,
    updatedAt: date.optional(),
  })
  .transform((r) => ({ ...r, updatedAt: r.updatedAt ?? r.createdAt }));

/** Every reason, once: a reason added to the type must be added here too. */
const RETURN_OUTCOME_REASONS: Record<ReturnOutcomeReason, true> = {
  not_delivered: true,
  below_value_threshold: true,
  at_or_above_value_threshold: true,
  no_threshold_for_currency: true,
  outside_return_window: true,
  category_not_returnable: true,
  already_returned: true,
  order_not_found: true,
  item_not_in_order: true,
};

export const returnOutcomeSchema = z
  .object({
    decision: z.enum(['refund_without_return', 'return_label', 'refused']),
    reasonCode: z.enum(
      Object.keys(RETURN_OUTCOME_REASONS) as [ReturnOutcomeReason, ...ReturnOutcomeReason[]],
    ),
    rma: returnSchema.nullable().default(null),
  })
  .refine((o) => o.decision === 'refused' || o.rma !== null, {
    message: 'an accepted return must carry its rma',
    path: ['rma'],
  });

export const cancelResultSchema = z.object({
  outcome: z.enum(['cancelled', 'already_cancelled', 'too_late']),
  order: orderSchema,
});

/** A promotion as the calculators take it; checked again by `findBestPromotionCombination`. */
export const promotionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['percentage', 'threshold', 'store_coupon', 'platform_coupon']),
    validFrom: date.optional(),
    validUntil: date.optional(),
  })
  .passthrough();
