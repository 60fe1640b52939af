import type { SlotValue } from '../../state/slots';
import type { SlotName } from '../extract';
import type { Turn } from '../turn';

/** What one or more intents do with a turn. */
export interface Handler {
  intents: string[];
  /** The slots this topic keeps from a message (others are ignored for it). */
  slots: SlotName[];
  handle(t: Turn): Promise<void>;
  /** The shopper said yes to the confirmation this handler asked for. */
  confirmed?(t: Turn, pending: { action: string; orderNumber?: string; data?: Record<string, SlotValue> }): Promise<void>;
}
