import { registerPersonalData } from '@kefu/api/platform/database';
import { DialogueStateRow } from './dialogue-state.entity';
import { DialogueTemplate } from './dialogue-template.entity';

export { DialogueStateRow, DialogueTemplate };
export const DIALOGUE_ENTITIES = [DialogueTemplate, DialogueStateRow];

registerPersonalData({
  table: 'dialogue_states',
  columns: ['slots', 'last_order_number', 'context'],
  subject: {
    kind: 'contact',
    column: 'conversation_id',
    via: { table: 'conversations', column: 'contact_id' },
  },
  description:
    'what the shopper told the bot in the current dialogue: order number, phone tail or email given for verification, sizes, colours',
});
