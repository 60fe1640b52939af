import type { EntityManager } from 'typeorm';
import type { EscalationDecision } from '@kefu/shared/contracts';
import { insertNotification, settingsOf } from '@kefu/api/handoff';

/**
 * `notify` actions of rules that fired without a hand-off (e.g. "tell the VIP team's lead about a big
 * order question"): a workspace notification for the user, the team (the rule's, else the
 * conversation's, else the default team) or its lead. Inside the turn's transaction; the
 * notifications service sends them over the admin socket after commit.
 */
export async function notifyWithoutHandoff(
  em: EntityManager,
  conversation: { id: string; teamId: string | null },
  notify: EscalationDecision['notify'],
): Promise<void> {
  let defaultTeam: string | null | undefined;
  for (const n of notify) {
    if (n.target === 'user') {
      if (n.userId) await insertNotification(em, { kind: 'rule', conversationId: conversation.id, userId: n.userId, message: n.message });
      continue;
    }
    const teamId = n.teamId ?? conversation.teamId ?? (defaultTeam ??= (await settingsOf(em)).defaultTeamId);
    if (!teamId) continue;
    if (n.target === 'team_lead') {
      const [row] = (await em.query(`SELECT lead_user_id FROM teams WHERE id = $1`, [teamId])) as { lead_user_id: string | null }[];
      if (row?.lead_user_id) {
        await insertNotification(em, { kind: 'rule', conversationId: conversation.id, userId: row.lead_user_id, message: n.message });
        continue;
      }
    }
    await insertNotification(em, { kind: 'rule', conversationId: conversation.id, teamId, message: n.message });
  }
}
