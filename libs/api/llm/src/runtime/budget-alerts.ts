import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '@kefu/api/audit';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import type { BudgetAlert } from '../client/llm-client';
import { dayKey } from '../client/usage-recorder';

export const BUDGET_ALERT_ACTION = 'llm.budget_alert';

/**
 * Tells the admins that Claude's daily budget is nearly or fully spent: a warning in the log and a line
 * in the audit log (actor: the system), once per level per shop day. The audit log is checked too, so
 * several processes, or a client rebuilt after a settings change, do not repeat the same alert.
 */
@Injectable()
export class BudgetAlerts {
  private readonly log = new Logger(BudgetAlerts.name);
  private readonly raised = new Set<string>();
  private readonly timeZone: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.timeZone = config.SHOP_TIMEZONE;
  }

  /** Never throws: an alert that cannot be written is logged. */
  async raise(alert: BudgetAlert, now = new Date()): Promise<void> {
    const day = dayKey(now, this.timeZone);
    const key = `${day}:${alert.level}`;
    if (this.raised.has(key)) return;
    this.raised.add(key);
    const spent = alert.spentUsd.toFixed(2);
    const budget = alert.budgetUsd.toFixed(2);
    this.log.warn(
      alert.level === 'exhausted'
        ? `Claude's daily budget is spent ($${spent} of $${budget}): the offline engine answers until midnight (${this.timeZone})`
        : `Claude's daily budget is nearly spent: $${spent} of $${budget}`,
    );
    try {
      const seen: unknown[] = await this.db.query(
        `SELECT 1 FROM audit_log WHERE action = $1 AND data->>'day' = $2 AND data->>'level' = $3 LIMIT 1`,
        [BUDGET_ALERT_ACTION, day, alert.level],
      );
      if (seen.length) return;
      await this.audit.record({
        actorId: null,
        action: BUDGET_ALERT_ACTION,
        targetType: 'llm_settings',
        targetId: '1',
        data: { level: alert.level, day, spentUsd: alert.spentUsd, budgetUsd: alert.budgetUsd },
      });
    } catch (err) {
      this.log.warn(`the budget alert was not written to the audit log (${(err as Error).name})`);
    }
  }
}
