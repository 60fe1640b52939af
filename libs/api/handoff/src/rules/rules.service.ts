import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  EscalationRuleDto,
  reorderRulesSchema,
  RuleInput,
  ruleInputSchema,
  rulePatchSchema,
  RuleVersionDto,
} from '@kefu/shared/contracts';
import { AuditService } from '@kefu/api/audit';
import { ExclusiveTransactions } from '@kefu/api/platform/database';
import { parseWith, isUuid } from '@kefu/api/platform/http';
import { EscalationRule, EscalationRuleVersion } from '../entities';
import { EscalationPolicy } from './escalation-policy.service';

const expectedVersionSchema = z.object({ expectedVersion: z.number().int().min(1).optional() });

/** The rule as RuleInput (what versions keep and audit lines show). */
export function ruleInputOf(r: EscalationRule): RuleInput {
  return {
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    event: r.event,
    match: r.match,
    conditions: r.conditions,
    actions: r.actions,
    stopProcessing: r.stopProcessing,
  };
}

type Change = RuleVersionDto['change'];

/** Escalation rules: CRUD, order and history. Each change, its version and its audit line commit together. */
@Injectable()
export class RulesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: ExclusiveTransactions,
    private readonly audit: AuditService,
    private readonly policy: EscalationPolicy,
  ) {}

  async list(): Promise<EscalationRuleDto[]> {
    const rules = await this.db
      .getRepository(EscalationRule)
      .find({ order: { position: 'ASC', createdAt: 'ASC' } });
    return this.dtos(this.db.manager, rules);
  }

  async get(id: string): Promise<EscalationRuleDto> {
    const [dto] = await this.dtos(this.db.manager, [await this.find(this.db.manager, id)]);
    return dto;
  }

  async create(body: unknown, actorId: string): Promise<EscalationRuleDto> {
    const input = parseWith(ruleInputSchema, body);
    return this.change(async (em) => {
      await em.query(`LOCK TABLE escalation_rules IN SHARE ROW EXCLUSIVE MODE`);
      const [{ max }] = await em.query(`SELECT COALESCE(MAX(position), 0)::int AS max FROM escalation_rules`);
      const rule = await em
        .getRepository(EscalationRule)
        .save(
          em.create(EscalationRule, { ...input, position: Number(max) + 1, version: 1, updatedBy: actorId }),
        );
      await this.record(em, rule, 'created', actorId, { after: input });
      return rule;
    });
  }

  async update(id: string, body: unknown, actorId: string): Promise<EscalationRuleDto> {
    const input = parseWith(ruleInputSchema, body);
    const { expectedVersion } = parseWith(expectedVersionSchema, body);
    return this.change(async (em) => {
      const rule = await this.find(em, id, true);
      if (expectedVersion !== undefined && expectedVersion !== rule.version) {
        throw new ConflictException(
          `the rule was changed meanwhile (now version ${rule.version}, you edited version ${expectedVersion}); reload it and apply your edit again`,
        );
      }
      const before = ruleInputOf(rule);
      Object.assign(rule, input, { version: rule.version + 1, updatedBy: actorId });
      await em.getRepository(EscalationRule).save(rule);
      await this.record(em, rule, 'updated', actorId, { before, after: input });
      return rule;
    });
  }

  async setEnabled(id: string, body: unknown, actorId: string): Promise<EscalationRuleDto> {
    const { enabled } = parseWith(rulePatchSchema, body);
    return this.change(async (em) => {
      const rule = await this.find(em, id, true);
      if (rule.enabled === enabled) return rule;
      Object.assign(rule, { enabled, version: rule.version + 1, updatedBy: actorId });
      await em.getRepository(EscalationRule).save(rule);
      await this.record(em, rule, enabled ? 'enabled' : 'disabled', actorId, {});
      return rule;
    });
  }

  async remove(id: string, actorId: string): Promise<void> {
    await this.tx.run(async (em) => {
      const rule = await this.find(em, id, true);
      const before = ruleInputOf(rule);
      await em
        .getRepository(EscalationRuleVersion)
        .insert({ ruleId: rule.id, version: rule.version + 1, change: 'deleted', rule: null, actorId });
      await em.getRepository(EscalationRule).delete({ id: rule.id });
      await em.query(`UPDATE escalation_rules SET position = position - 1 WHERE position > $1`, [
        rule.position,
      ]);
      await this.audit.record(
        {
          actorId,
          action: 'rule.deleted',
          targetType: 'escalation_rule',
          targetId: rule.id,
          data: { name: rule.name, version: rule.version + 1, before },
        },
        em,
      );
    });
    this.policy.invalidate();
  }

  /** Puts the rules in the order given; every rule must be named exactly once. */
  async reorder(body: unknown, actorId: string): Promise<EscalationRuleDto[]> {
    const { ids } = parseWith(reorderRulesSchema, body);
    await this.tx.run(async (em) => {
      const current = await em
        .getRepository(EscalationRule)
        .find({ order: { position: 'ASC', createdAt: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const known = new Set(current.map((r) => r.id));
      const issues = [
        ...ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `ids.${i}`, message: `no rule ${id}` }])),
        ...ids.flatMap((id, i) =>
          ids.indexOf(id) !== i ? [{ path: `ids.${i}`, message: `rule ${id} is named twice` }] : [],
        ),
        ...current
          .filter((r) => !ids.includes(r.id))
          .map((r) => ({
            path: 'ids',
            message: `rule ${r.id} (${r.name}) is missing; name every rule once`,
          })),
      ];
      if (issues.length)
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: `invalid body: ${issues[0].path} ${issues[0].message}`,
          issues,
        });
      const before = current.map((r) => r.id);
      const byId = new Map(current.map((r) => [r.id, r]));
      const moved: EscalationRule[] = [];
      ids.forEach((id, i) => {
        const r = byId.get(id) as EscalationRule;
        if (r.position !== i + 1)
          moved.push(Object.assign(r, { position: i + 1, version: r.version + 1, updatedBy: actorId }));
      });
      if (!moved.length) return;
      // one statement at a time: a transaction's connection runs one query at once
      for (const r of moved) {
        await em.query(
          `UPDATE escalation_rules SET position = $2, version = $3, updated_by = $4, updated_at = now() WHERE id = $1`,
          [r.id, r.position, r.version, actorId],
        );
      }
      await em
        .getRepository(EscalationRuleVersion)
        .insert(
          moved.map((r) => ({
            ruleId: r.id,
            version: r.version,
            change: 'reordered' as const,
            rule: ruleInputOf(r),
            actorId,
          })),
        );
      await this.audit.record(
        {
          actorId,
          action: 'rules.reordered',
          targetType: 'escalation_rule',
          targetId: null,
          data: { before, after: ids },
        },
        em,
      );
    });
    this.policy.invalidate();
    return this.list();
  }

  /** The rule's history, newest first; also for a deleted rule. */
  async versions(id: string): Promise<RuleVersionDto[]> {
    if (!isUuid(id)) throw new NotFoundException(`no rule ${id}`);
    const rows: {
      rule_id: string;
      version: number;
      change: RuleVersionDto['change'];
      rule: RuleInput | null;
      actor_id: string | null;
      actor_name: string | null;
      created_at: Date;
    }[] = await this.db.query(
      `SELECT v.rule_id, v.version, v.change, v.rule, v.actor_id, u.name AS actor_name, v.created_at
           FROM escalation_rule_versions v LEFT JOIN users u ON u.id = v.actor_id
          WHERE v.rule_id = $1 ORDER BY v.version DESC, v.id DESC`,
      [id],
    );
    if (!rows.length) throw new NotFoundException(`no rule ${id}`);
    return rows.map((r) => ({
      ruleId: r.rule_id,
      version: Number(r.version),
      change: r.change,
      rule: r.rule,
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
      at: new Date(r.created_at).toISOString(),
    }));
  }

  private async change(work: (em: EntityManager) => Promise<EscalationRule>): Promise<EscalationRuleDto> {
    const rule = await this.tx.run(work);
    this.policy.invalidate();
    const [dto] = await this.dtos(this.db.manager, [rule]);
    return dto;
  }

  private async record(
    em: EntityManager,
    rule: EscalationRule,
    change: Change,
    actorId: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await em
      .getRepository(EscalationRuleVersion)
      .insert({ ruleId: rule.id, version: rule.version, change, rule: ruleInputOf(rule), actorId });
    await this.audit.record(
      {
        actorId,
        action: `rule.${change}`,
        targetType: 'escalation_rule',
        targetId: rule.id,
        data: { name: rule.name, version: rule.version, ...data },
      },
      em,
    );
  }

  private async find(em: EntityManager, id: string, lock = false): Promise<EscalationRule> {
    const rule = isUuid(id)
      ? await em
          .getRepository(EscalationRule)
          .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
      : null;
    if (!rule) throw new NotFoundException(`no rule ${id}`);
    return rule;
  }

  private async dtos(em: EntityManager, rules: EscalationRule[]): Promise<EscalationRuleDto[]> {
    const ids = [...new Set(rules.map((r) => r.updatedBy).filter((x): x is string => !!x))];
    const users: { id: string; name: string }[] = ids.length
      ? await em.query(`SELECT id, name FROM users WHERE id = ANY($1::uuid[])`, [ids])
      : [];
    const names = new Map(users.map((u) => [u.id, u.name]));
    return rules.map((r) => ({
      id: r.id,
      ...ruleInputOf(r),
      position: r.position,
      version: r.version,
      updatedAt: new Date(r.updatedAt).toISOString(),
      updatedBy: r.updatedBy ? { id: r.updatedBy, name: names.get(r.updatedBy) ?? '' } : null,
    }));
  }
}
