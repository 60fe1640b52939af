import type { EntityManager } from 'typeorm';
import type { BusinessHours } from '@kefu/shared/contracts';

export interface DefaultTeams {
  general: string;
  senior: string;
  vip: string;
  returns: string;
}

const DAYTIME: BusinessHours = {
  enabled: true,
  timezone: 'Asia/Shanghai',
  days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '21:00' })),
};
const ALWAYS: BusinessHours = { enabled: false, timezone: 'Asia/Shanghai', days: [] };

interface TeamSeed {
  key: keyof DefaultTeams;
  name: string;
  description: string;
  hours: BusinessHours;
  escalateAfterMinutes: number | null;
  escalationAction: 'reassign' | 'notify_lead';
  withLead: boolean;
}

const TEAMS: TeamSeed[] = [
  { key: 'general', name: 'General', description: 'Everyday questions: orders, shipping, products, accounts.', hours: DAYTIME, escalateAfterMinutes: 10, escalationAction: 'reassign', withLead: false },
  { key: 'senior', name: 'Senior', description: 'Upset shoppers, complaints and anything sensitive (legal, safety).', hours: DAYTIME, escalateAfterMinutes: 5, escalationAction: 'notify_lead', withLead: true },
  { key: 'vip', name: 'VIP', description: 'VIP and gold shoppers, first in line, around the clock.', hours: ALWAYS, escalateAfterMinutes: 5, escalationAction: 'notify_lead', withLead: true },
  { key: 'returns', name: 'Returns', description: 'Returns, exchanges and refunds.', hours: DAYTIME, escalateAfterMinutes: null, escalationAction: 'notify_lead', withLead: false },
];

/**
 * The default teams (General, Senior, VIP, Returns) with the given users as members (capacity 5),
 * the first of them leading Senior and VIP; sets the default and VIP team in the hand-off settings
 * where none is set. Idempotent by name: existing teams are kept (members are added).
 */
export async function seedDefaultTeams(em: EntityManager, opts: { memberUserIds?: string[] } = {}): Promise<DefaultTeams> {
  const members = [...new Set(opts.memberUserIds ?? [])];
  const ids = {} as DefaultTeams;
  for (const t of TEAMS) {
    const [existing] = (await em.query(`SELECT id FROM teams WHERE lower(name) = lower($1)`, [t.name])) as { id: string }[];
    let id = existing?.id;
    if (!id) {
      const [row] = (await em.query(
        `INSERT INTO teams (name, description, assignment, business_hours, escalate_after_minutes, escalation_action, lead_user_id)
         VALUES ($1, $2, 'least_load', $3::jsonb, $4, $5, $6) RETURNING id`,
        [t.name, t.description, JSON.stringify(t.hours), t.escalateAfterMinutes, t.escalationAction, t.withLead ? members[0] ?? null : null],
      )) as { id: string }[];
      id = row.id;
    }
    for (const userId of members) {
      await em.query(`INSERT INTO team_members (team_id, user_id, capacity) VALUES ($1, $2, 5) ON CONFLICT (team_id, user_id) DO NOTHING`, [id, userId]);
    }
    ids[t.key] = id;
  }
  await em.query(`INSERT INTO handoff_settings (id) VALUES (1) ON CONFLICT (id) DO NOTHING`);
  await em.query(
    `UPDATE handoff_settings SET settings = settings
        || jsonb_build_object('defaultTeamId', COALESCE(settings->>'defaultTeamId', $1::text),
                              'vipTeamId', COALESCE(settings->>'vipTeamId', $2::text))
      WHERE id = 1`,
    [ids.general, ids.vip],
  );
  return ids;
}
