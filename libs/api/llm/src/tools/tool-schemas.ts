import { z } from 'zod';
import { HANDOFF_REASONS, type HandoffReason } from '@kefu/shared/contracts';

/**
 * The tools Claude may call, as zod schemas: the single source for the JSON schemas sent to the API
 * (`tool-definitions.ts`) and for validating what the model sends back (the executor, the loop).
 * Money the model proposes is in major units of the order's currency (25.5 = ¥25.50); everything the
 * tools return is formatted money (`¥25.50`), so the model never sees minor units.
 */
export const TOOL_NAMES = [
  'lookup_order',
  'track_shipment',
  'check_stock',
  'calculate_promotion',
  'start_return',
  'offer_compensation',
  'hand_off',
  'respond',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

const orderNumber = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .describe('The order number exactly as the shopper or an earlier tool result gave it');
const handoffReason = z
  .enum(HANDOFF_REASONS)
  .describe(
    'customer_request: the shopper asked for a person; low_confidence: you are not sure; negative_emotion: the shopper is upset; ' +
      'policy: the request needs a human decision; missing_knowledge: no tool or article answers it; tool_failure: a tool kept failing; vip: a VIP matter',
  );

export const lookupOrderInput = z.object({ order_number: orderNumber }).strict();

export const trackShipmentInput = z
  .object({
    reference: z.string().trim().min(1).max(64).describe('An order number or a tracking number'),
  })
  .strict();

export const checkStockInput = z
  .object({
    product: z.string().trim().min(1).max(64).describe('A product id or SKU id from an earlier tool result'),
    colour: z.string().trim().min(1).max(40).optional(),
    size: z.string().trim().min(1).max(20).optional(),
  })
  .strict();

export const calculatePromotionInput = z
  .object({
    lines: z
      .array(
        z
          .object({
            sku: z
              .string()
              .trim()
              .min(1)
              .max(64)
              .describe('SKU id (prices come from the shop, never from you)'),
            quantity: z.number().int().min(1).max(99),
          })
          .strict(),
      )
      .min(1)
      .max(20),
  })
  .strict();

export const startReturnInput = z
  .object({
    order_number: orderNumber,
    sku: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .describe("The item's SKU id; the order's first item when absent"),
    kind: z.enum(['return', 'exchange']),
    reason: z.string().trim().min(1).max(500).describe("The shopper's reason in a few words"),
    exchange_colour: z.string().trim().min(1).max(40).optional(),
    exchange_size: z.string().trim().min(1).max(20).optional(),
  })
  .strict();

export const offerCompensationInput = z
  .object({
    order_number: orderNumber,
    severity: z
      .enum(['minor', 'moderate', 'severe'])
      .describe(
        'minor: a small delay or slip; moderate: a late or damaged delivery; severe: lost or unusable',
      ),
    amount: z
      .number()
      .positive()
      .max(1_000_000)
      .optional()
      .describe(
        'Only when the shopper asked for a specific amount: major units of the order currency (25.5 = 25.50)',
      ),
  })
  .strict();

export const handOffInput = z
  .object({
    reason: handoffReason,
    summary: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .describe('For the agent: what the shopper wants and what was tried'),
  })
  .strict();

export const respondInput = z
  .object({
    reply: z
      .string()
      .trim()
      .min(1)
      .max(4000)
      .describe("The message to the shopper, in the shopper's language"),
    action: z.enum(['continue', 'handoff']).describe('handoff when a person must take over'),
    reason: handoffReason
      .nullable()
      .describe('Why a person must take over (required for handoff, else null)'),
    confidence: z
      .number()
      .min(0)
      .max(1)
      .describe('How sure you are that the reply is right and complete, 0..1'),
  })
  .strict()
  .refine((r) => r.action === 'continue' || r.reason !== null, {
    message: 'a handoff needs a reason',
    path: ['reason'],
  });

/** The structured end of every generated turn. */
export interface TurnOutcome {
  reply: string;
  action: 'continue' | 'handoff';
  reason: HandoffReason | null;
  confidence: number;
}

export const TOOL_INPUTS = {
  lookup_order: lookupOrderInput,
  track_shipment: trackShipmentInput,
  check_stock: checkStockInput,
  calculate_promotion: calculatePromotionInput,
  start_return: startReturnInput,
  offer_compensation: offerCompensationInput,
  hand_off: handOffInput,
  respond: respondInput,
} as const satisfies Record<ToolName, z.ZodType>;

export type ToolInput<N extends ToolName> = z.output<(typeof TOOL_INPUTS)[N]>;

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

/** zod issues as one short line the model can act on (paths and messages only, never the values). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
    .join('; ');
}
