import { registerPersonalData } from '@kefu/api/platform/database';
import { DialogueStateRow } from './dialogue-state.entity';
import { DialogueTemplate } from './dialogue-template.entity';
import { HandoffSummaryRow } from './handoff-summary.entity';

export { DialogueStateRow, DialogueTemplate, HandoffSummaryRow };
export type { HandoffSummaryBody } from './handoff-summary.entity';
export const DIALOGUE_ENTITIES = [DialogueTemplate, DialogueStateRow, HandoffSummaryRow];

registerPersonalData(
  {
    table: 'dialogue_states',
    columns: ['slots', 'last_order_number', 'context'],
    subject: {
      kind: 'contact',
      column: 'conversation_id',
      via: { table: 'conversations', column: 'contact_id' },
    },
    description:
      'what the shopper told the bot in the current dialogue: order number, phone tail or email given for verification, sizes, colours',
  },
  {
    table: 'handoff_summaries',
    columns: ['summary'],
    subject: {
      kind: 'contact',
      column: 'conversation_id',
      via: { table: 'conversations', column: 'contact_id' },
    },
    description:
      'the summary for the agent at a hand-off: what the shopper wants, what the bot tried, order numbers and other facts from the conversation',
  },
);
