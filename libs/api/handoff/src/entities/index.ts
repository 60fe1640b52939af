import { registerPersonalData } from '@kefu/api/platform/database';
import { AgentPresence } from './agent-presence.entity';
import { BotPause } from './bot-pause.entity';
import { ConversationNote } from './conversation-note.entity';
import { EscalationRule } from './escalation-rule.entity';
import { EscalationRuleVersion } from './escalation-rule-version.entity';
import { HandoffNotification } from './handoff-notification.entity';
import { HandoffSettingsRow } from './handoff-settings.entity';
import { HumanEdit } from './human-edit.entity';
import { Team } from './team.entity';
import { TeamMember } from './team-member.entity';

export {
  AgentPresence,
  BotPause,
  ConversationNote,
  EscalationRule,
  EscalationRuleVersion,
  HandoffNotification,
  HandoffSettingsRow,
  HumanEdit,
  Team,
  TeamMember,
};
export const HANDOFF_ENTITIES = [
  AgentPresence,
  BotPause,
  ConversationNote,
  EscalationRule,
  EscalationRuleVersion,
  HandoffNotification,
  HandoffSettingsRow,
  HumanEdit,
  Team,
  TeamMember,
];

registerPersonalData(
  {
    table: 'conversation_notes',
    columns: ['text'],
    subject: { kind: 'contact', column: 'conversation_id', via: { table: 'conversations', column: 'contact_id' } },
    description: "agents' internal notes on a shopper's conversation",
  },
  {
    table: 'human_edits',
    columns: ['question', 'suggested', 'edited'],
    subject: { kind: 'contact', column: 'conversation_id', via: { table: 'conversations', column: 'contact_id' } },
    description: "the shopper's question with the suggested and the agent's edited reply",
  },
);
