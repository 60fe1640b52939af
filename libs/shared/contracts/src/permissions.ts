import { Role } from './enums';

/** Every permission an endpoint can require. Endpoints without one are denied. */
export enum Permission {
  InboxesRead = 'inboxes.read',
  InboxesManage = 'inboxes.manage',
  ConversationsRead = 'conversations.read',
  UsersRead = 'users.read',
  UsersManage = 'users.manage',
  NluRead = 'nlu.read',
  NluManage = 'nlu.manage',
  KnowledgeRead = 'knowledge.read',
  KnowledgeManage = 'knowledge.manage',
  DialogueRead = 'dialogue.read',
  DialogueManage = 'dialogue.manage',
  /** Outbound webhooks: create, change, test, delete; their dead letters. */
  WebhooksManage = 'webhooks.manage',
  /** Every conversation, whatever its team; without it an agent sees their teams' and their own. */
  ConversationsReadAll = 'conversations.read_all',
  /** Work conversations: take over, reply, note, transfer, hand back, resolve; set one's availability. */
  HandoffWork = 'handoff.work',
  /** Escalation rules, thresholds, teams and hours, the kill switch, the human-edit log. */
  HandoffManage = 'handoff.manage',
  /** The append-only audit log. */
  AuditRead = 'audit.read',
  /** Claude's usage and cost report. */
  LlmRead = 'llm.read',
  /** Claude's settings: the API key, model, channels and intents, budget, regions. */
  LlmManage = 'llm.manage',
}

/** The access matrix: which role holds which permission. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.Admin]: Object.values(Permission),
  [Role.Agent]: [
    Permission.InboxesRead,
    Permission.ConversationsRead,
    Permission.HandoffWork,
    Permission.NluRead,
    Permission.KnowledgeRead,
    Permission.DialogueRead,
  ],
  [Role.ComplianceOfficer]: [
    Permission.InboxesRead,
    Permission.ConversationsRead,
    Permission.ConversationsReadAll,
    Permission.UsersRead,
    Permission.AuditRead,
  ],
  [Role.Analyst]: [
    Permission.InboxesRead,
    Permission.ConversationsRead,
    Permission.ConversationsReadAll,
    Permission.LlmRead,
    Permission.NluRead,
    Permission.KnowledgeRead,
    Permission.DialogueRead,
  ],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role] ?? [];
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return permissionsOf(role).includes(permission);
}
