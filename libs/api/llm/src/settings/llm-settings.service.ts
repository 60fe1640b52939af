import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  LlmSettings,
  LlmSettingsDto,
  llmSettingsSchema,
  llmSettingsUpdateSchema,
} from '@kefu/shared/contracts';
import { AuditService } from '@kefu/api/audit';
import type { AuthUser } from '@kefu/api/identity';
import { ExclusiveTransactions } from '@kefu/api/platform/database';
import { parseWith } from '@kefu/api/platform/http';
import { LlmRuntime } from '../runtime/llm-runtime';
import { PostgresUsageRecorder } from '../usage/postgres-usage-recorder';
import { LlmSettingsStore } from './llm-settings.store';
import { readLlmSettingsRow } from './stored-llm-settings';

export const LLM_SETTINGS_UPDATED = 'llm.settings_updated';

const NO_KEY_STORAGE =
  'this server cannot store API keys: set KEFU_SECRET_KEY (at least 32 random characters) in its environment ' +
  'and restart, or set ANTHROPIC_API_KEY there instead';

/**
 * Claude's settings (the one llm_settings row): read by everyone through the two-second cache, changed by
 * admins with an audit line in the same transaction. The API key is write-only: it is sealed before it is
 * stored, and no answer carries it again (the audit line says only that it was set and how it ends).
 */
@Injectable()
export class LlmSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: ExclusiveTransactions,
    private readonly audit: AuditService,
    private readonly store: LlmSettingsStore,
    private readonly runtime: LlmRuntime,
    private readonly usage: PostgresUsageRecorder,
  ) {}

  /** The effective settings (defaults under the admins' changes), cached for two seconds. */
  async get(): Promise<LlmSettings> {
    return (await this.store.snapshot()).settings;
  }

  /**
   * Forget what is cached (the settings, the day's spending) and read it again at the next call: tests,
   * and after the tables were changed behind this process's back.
   */
  invalidate(): void {
    this.store.invalidate();
    this.usage.forget();
  }

  async dto(): Promise<LlmSettingsDto> {
    const snap = await this.store.snapshot();
    const users: { name: string }[] = snap.updatedBy
      ? await this.db.query(`SELECT name FROM users WHERE id = $1`, [snap.updatedBy])
      : [];
    return {
      ...snap.settings,
      keySet: snap.keySet,
      keyLast4: snap.keyLast4,
      keySource: snap.keySource,
      keyStorageAvailable: this.store.box !== null,
      status: await this.runtime.status(),
      version: snap.version,
      updatedAt: snap.updatedAt ? snap.updatedAt.toISOString() : null,
      updatedBy: snap.updatedBy ? { id: snap.updatedBy, name: users[0]?.name ?? '' } : null,
    };
  }

  /**
   * Any subset of the settings, plus the key (string: set, null: remove, absent: keep). 400 on bad input,
   * 409 when `expectedVersion` is stale or a key is given but this server cannot store keys.
   */
  async update(body: unknown, user: Pick<AuthUser, 'id'>): Promise<LlmSettingsDto> {
    const { apiKey, expectedVersion, ...parsed } = parseWith(llmSettingsUpdateSchema, body);
    // Zod 4 fills the defaults of a partial schema's absent keys too: keep only what the body named.
    const named = new Set(Object.keys(body as object));
    const changes = Object.fromEntries(
      Object.entries(parsed).filter(([k]) => named.has(k)),
    ) as Partial<LlmSettings>;
    const box = this.store.box;
    if (typeof apiKey === 'string' && !box) throw new ConflictException(NO_KEY_STORAGE);
    // Seal before the transaction: the embedded database's one connection is not held for crypto.
    const sealed = typeof apiKey === 'string' && box ? box.seal(apiKey) : null;

    await this.tx.run(async (em) => {
      await em.query(`INSERT INTO llm_settings (id) VALUES (1) ON CONFLICT (id) DO NOTHING`);
      const before = await readLlmSettingsRow(em, true);
      if (expectedVersion !== undefined && expectedVersion !== before.version) {
        throw new ConflictException(
          `the LLM settings were changed by someone else meanwhile (now version ${before.version}, you had ${expectedVersion}); reload them and try again`,
        );
      }
      const overrides = { ...before.overrides, ...changes };
      const key =
        apiKey === undefined
          ? { enc: before.apiKeyEnc, last4: before.keyLast4, audit: undefined }
          : apiKey === null
            ? { enc: null, last4: null, audit: before.apiKeyEnc ? 'removed' : undefined }
            : { enc: sealed, last4: apiKey.slice(-4), audit: `set, ends …${apiKey.slice(-4)}` };
      await em.query(
        `UPDATE llm_settings SET settings = $1::jsonb, api_key_enc = $2, key_last4 = $3,
                version = version + 1, updated_by = $4, updated_at = now() WHERE id = 1`,
        [JSON.stringify(overrides), key.enc, key.last4, user.id],
      );
      await this.audit.record(
        {
          actorId: user.id,
          action: LLM_SETTINGS_UPDATED,
          targetType: 'llm_settings',
          targetId: '1',
          data: {
            version: before.version + 1,
            before: llmSettingsSchema.parse(before.overrides),
            after: llmSettingsSchema.parse(overrides),
            ...(key.audit ? { key: key.audit } : {}),
          },
        },
        em,
      );
    });
    this.store.invalidate();
    return this.dto();
  }
}
