import type { Money } from '@kefu/api/commerce';
import type { HandoffReason } from '@kefu/shared/contracts';

/** What a tool call gives back, and the small builders the executor answers with. */
export type ToolStatus = 'ok' | 'refused' | 'not_found' | 'invalid' | 'unavailable';

/** What one tool call gave: the `tool_result` content for the model, and what our code needs to know. */
export interface ToolExecution {
  status: ToolStatus;
  /** JSON text for the `tool_result` block. */
  content: string;
  isError: boolean;
  /** Set by `hand_off`. */
  handoff?: { reason: HandoffReason; summary: string };
}

/** What the tool loop needs from an executor; `amounts` are every amount a tool has returned so far. */
export interface ToolExecutor {
  execute(name: string, input: unknown): Promise<ToolExecution>;
  readonly amounts: readonly Money[];
}

type Body = Record<string, unknown>;

export const ok = (body: Body): ToolExecution => ({
  status: 'ok',
  content: JSON.stringify(body),
  isError: false,
});
export const refused = (reason: string, body: Body = {}): ToolExecution => ({
  status: 'refused',
  content: JSON.stringify({ refused: true, reason, ...body }),
  isError: false,
});
export const notFound = (what: string): ToolExecution => ({
  status: 'not_found',
  content: JSON.stringify({ found: false, message: `${what} not found` }),
  isError: false,
});
export const failed = (status: 'invalid' | 'unavailable', message: string): ToolExecution => ({
  status,
  content: JSON.stringify({ error: message }),
  isError: true,
});
export const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
