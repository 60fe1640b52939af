import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { TOOL_INPUTS, TOOL_NAMES, type ToolName } from './tool-schemas';

/**
 * The tools as the Messages API wants them (`tools: [...]`), generated from the zod schemas so what the
 * model is told and what our code accepts never drift. The descriptions state the rules the executor
 * enforces anyway: the model is told, our code decides.
 */
const DESCRIPTIONS: Record<ToolName, string> = {
  lookup_order:
    "Looks up one of the verified shopper's orders: status, items, totals, payments, shipments. " +
    "Refused for an order that is not the shopper's.",
  track_shipment:
    "Tracks the shipments of one of the shopper's orders (by order number or tracking number): carrier, status, ETA, latest events.",
  check_stock: 'Checks the stock and prices of a product or SKU, optionally for one colour and/or size.',
  calculate_promotion:
    'Calculates the price of a cart with the best legal combination of the promotions running now. ' +
    'Give SKUs and quantities only; prices come from the shop.',
  start_return:
    "Asks the shop to return or exchange an item of one of the shopper's delivered orders. The shop decides: " +
    'refund without sending it back, a return label, or a refusal (outside the return window, not returnable, already returned).',
  offer_compensation:
    "Calculates the compensation the shop offers for a problem with one of the shopper's orders, within the cap of the " +
    "shopper's tier. An amount above the cap is refused with the cap; some offers need a supervisor's approval.",
  hand_off:
    'Hands the conversation to a human agent, with the reason and a short summary for the agent. ' +
    'Then end the turn with respond (action handoff).',
  respond:
    'Ends your turn: the reply to the shopper and whether a person must take over. Call it exactly once, last, ' +
    'alone in its message. State only amounts, dates and promises that a tool result gave you.',
};

function inputSchema(name: ToolName): Anthropic.Tool.InputSchema {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(TOOL_INPUTS[name], { io: 'input' }) as Record<
    string,
    unknown
  >;
  return schema as Anthropic.Tool.InputSchema;
}

/** Every tool definition, in `TOOL_NAMES` order (`respond` last). */
export function toolDefinitions(names: readonly ToolName[] = TOOL_NAMES): Anthropic.Tool[] {
  return names.map((name) => ({ name, description: DESCRIPTIONS[name], input_schema: inputSchema(name) }));
}

/** The tools with a prompt-cache breakpoint on the last one (the tool list is a static prefix of every request). */
export function cachedToolDefinitions(names: readonly ToolName[] = TOOL_NAMES): Anthropic.Tool[] {
  const tools = toolDefinitions(names);
  const last = tools[tools.length - 1];
  if (last) last.cache_control = { type: 'ephemeral' };
  return tools;
}
