import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { HandoffSettings, handoffSettingsSchema } from '@kefu/shared/contracts';
import { AuditService } from '@kefu/api/audit';
import { ExclusiveTransactions } from '@kefu/api/platform/database';
import { parseWith } from '@kefu/api/platform/http';
import { EscalationPolicy } from './escalation-policy.service';
import { readSettingsRow, StoredSettingsRow } from './stored-settings';

/** The settings as GET /api/v1/handoff/settings answers them. */
export type HandoffSettingsView = HandoffSettings & {
  version: number;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
};

/** Thresholds and routing defaults (the one handoff_settings row); each change is audited with before and after. */
@Injectable()
export class HandoffSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: ExclusiveTransactions,
    private readonly audit: AuditService,
    private readonly policy: EscalationPolicy,
  ) {}

  async get(): Promise<HandoffSettingsView> {
    return this.view(this.db.manager, await readSettingsRow(this.db.manager));
  }

  async update(body: unknown, actorId: string): Promise<HandoffSettingsView> {
    const next = parseWith(handoffSettingsSchema, body);
    const row = await this.tx.run(async (em) => {
      await this.checkTeams(em, next);
      await em.query(`INSERT INTO handoff_settings (id) VALUES (1) ON CONFLICT (id) DO NOTHING`);
      const before = await readSettingsRow(em, true);
      await em.query(
        `UPDATE handoff_settings SET settings = $1::jsonb, version = version + 1, updated_by = $2, updated_at = now() WHERE id = 1`,
        [JSON.stringify(next), actorId],
      );
      const after = await readSettingsRow(em);
      await this.audit.record(
        {
          actorId,
          action: 'settings.updated',
          targetType: 'handoff_settings',
          targetId: '1',
          data: { version: after.version, before: before.settings, after: next },
        },
        em,
      );
      return after;
    });
    this.policy.invalidate();
    return this.view(this.db.manager, row);
  }

  /** The default and VIP teams must exist. */
  private async checkTeams(em: EntityManager, s: HandoffSettings): Promise<void> {
    const named = (['defaultTeamId', 'vipTeamId'] as const).filter((k) => s[k]);
    if (!named.length) return;
    const rows: { id: string }[] = await em.query(`SELECT id FROM teams WHERE id = ANY($1::uuid[])`, [
      named.map((k) => s[k]),
    ]);
    const known = new Set(rows.map((r) => r.id));
    const issues = named
      .filter((k) => !known.has(s[k] as string))
      .map((k) => ({ path: k, message: `no team ${s[k]}` }));
    if (issues.length) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `invalid body: ${issues[0].path} ${issues[0].message}`,
        issues,
      });
    }
  }

  private async view(em: EntityManager, row: StoredSettingsRow): Promise<HandoffSettingsView> {
    const users: { id: string; name: string }[] = row.updatedBy
      ? await em.query(`SELECT id, name FROM users WHERE id = $1`, [row.updatedBy])
      : [];
    return {
      ...row.settings,
      version: row.version,
      updatedAt: row.updatedAt ? row.updatedAt.toISOString() : null,
      updatedBy: row.updatedBy ? { id: row.updatedBy, name: users[0]?.name ?? '' } : null,
    };
  }
}
