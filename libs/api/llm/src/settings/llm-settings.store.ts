import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { LlmKeySource, LlmSettings, llmSettingsSchema } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { masterSecret, SecretBox } from './secret-box';
import { readLlmSettingsRow } from './stored-llm-settings';

/** How long the settings are reused before they are read again (another process may have changed them). */
export const LLM_SETTINGS_CACHE_MS = 2000;

/** The settings row as the runtime and the admin need it, with the key opened. */
export interface LlmSettingsSnapshot {
  settings: LlmSettings;
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
  /** A key is stored (sealed) in the settings, whether or not it can be opened. */
  keySet: boolean;
  keyLast4: string | null;
  /** The key Claude uses: the stored one when it opens, else ANTHROPIC_API_KEY; null: none. */
  apiKey: string | null;
  keySource: LlmKeySource;
}

/**
 * Reads the one llm_settings row and opens its key, cached for two seconds (a reply must not cost a
 * query) and forgotten at once when this process changes it. Owns the secret box that seals keys.
 */
@Injectable()
export class LlmSettingsStore {
  private readonly log = new Logger(LlmSettingsStore.name);
  /** Null: this server cannot store keys (server mode without KEFU_SECRET_KEY). */
  readonly box: SecretBox | null;
  private cache: { at: number; value: Promise<LlmSettingsSnapshot> } | null = null;
  /** The sealed value already reported as unreadable (warn once, not every two seconds). */
  private reportedUnreadable: string | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.box = this.openBox();
  }

  snapshot(em?: EntityManager): Promise<LlmSettingsSnapshot> {
    if (this.cache && Date.now() - this.cache.at < LLM_SETTINGS_CACHE_MS) return this.cache.value;
    const entry = { at: Date.now(), value: this.read(em ?? this.db.manager) };
    this.cache = entry;
    // A failed read is not cached.
    entry.value.catch(() => {
      if (this.cache === entry) this.cache = null;
    });
    return entry.value;
  }

  invalidate(): void {
    this.cache = null;
  }

  private async read(em: EntityManager): Promise<LlmSettingsSnapshot> {
    const row = await readLlmSettingsRow(em);
    const stored = row.apiKeyEnc ? this.open(row.apiKeyEnc) : null;
    const env = this.config.ANTHROPIC_API_KEY ?? null;
    return {
      settings: llmSettingsSchema.parse(row.overrides),
      version: row.version,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
      keySet: row.apiKeyEnc !== null,
      keyLast4: row.keyLast4,
      apiKey: stored ?? env,
      keySource: stored ? 'settings' : env ? 'environment' : 'none',
    };
  }

  /** The stored key, or null when it cannot be opened (the secret changed): treated as no stored key. */
  private open(sealed: string): string | null {
    try {
      if (!this.box) throw new Error('no secret to open it with');
      const key = this.box.open(sealed);
      this.reportedUnreadable = null;
      return key;
    } catch (err) {
      if (this.reportedUnreadable !== sealed) {
        this.reportedUnreadable = sealed;
        this.log.warn(
          `the Anthropic API key saved in the LLM settings cannot be decrypted (${(err as Error).message}); ` +
            'Claude uses ANTHROPIC_API_KEY if set, else stays off. Did KEFU_SECRET_KEY change? Save the key again.',
        );
      }
      return null;
    }
  }

  private openBox(): SecretBox | null {
    try {
      const secret = masterSecret(this.config);
      return secret ? new SecretBox(secret) : null;
    } catch (err) {
      // A broken secret file must not stop the offline product from starting.
      this.log.error(`API keys cannot be stored or read: ${(err as Error).message}`);
      return null;
    }
  }
}
