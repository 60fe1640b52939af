import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ExclusiveTransactions } from '@kefu/api/platform/database';
import { seedDefaultRules } from './rules/rules-seed';
import { seedDefaultTeams } from './routing/teams-seed';

/**
 * Once per install (handoff_settings.seeded_at): the default teams (General, Senior, VIP, Returns) with the
 * admins and agents that exist at that moment as members, and the default escalation rules. Admins
 * change or delete them afterwards; they are never seeded again.
 */
@Injectable()
export class HandoffSeeder implements OnApplicationBootstrap {
  private readonly log = new Logger(HandoffSeeder.name);

  constructor(private readonly tx: ExclusiveTransactions) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed().catch((e: Error) => this.log.warn(`could not seed the default teams and rules: ${e.message}`));
  }

  /** True when this call seeded. */
  async seed(): Promise<boolean> {
    return this.tx.run(async (em) => {
      const rows: { seeded_at: Date | null }[] = await em.query(`SELECT seeded_at FROM handoff_settings WHERE id = 1 FOR UPDATE`);
      if (!rows.length || rows[0].seeded_at) return false;
      const staff: { id: string }[] = await em.query(`SELECT id FROM users WHERE role IN ('admin','agent') ORDER BY created_at`);
      const teams = await seedDefaultTeams(em, { memberUserIds: staff.map((s) => s.id) });
      await seedDefaultRules(em, teams);
      await em.query(`UPDATE handoff_settings SET seeded_at = now() WHERE id = 1`);
      this.log.log('seeded the default teams and escalation rules');
      return true;
    });
  }
}
