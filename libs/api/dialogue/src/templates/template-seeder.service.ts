import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { QuickReply } from './reply';
import { DialogueTemplatesService } from './dialogue-templates.service';

export const DEFAULT_TEMPLATES_FILE = join(__dirname, '../../data/templates.json');

export interface DefaultTemplate {
  key: string;
  locale: string;
  region?: string | null;
  text: string;
  quickReplies?: QuickReply[];
}

export function defaultTemplates(file = DEFAULT_TEMPLATES_FILE): DefaultTemplate[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { templates: DefaultTemplate[] }).templates;
}

/**
 * At boot, when `dialogue_templates` is empty: the shipped default replies for every intent in
 * zh-CN, en and ja. Safe with two processes booting at once (one guarded, conflict-free statement).
 */
@Injectable()
export class TemplateSeeder implements OnApplicationBootstrap {
  private readonly log = new Logger(TemplateSeeder.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly templates: DialogueTemplatesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed();
  }

  /** Returns how many templates were added (0 when every default key already has one). */
  async seed(file = DEFAULT_TEMPLATES_FILE): Promise<number> {
    const rows = defaultTemplates(file).map((t) => ({
      key: t.key,
      locale: t.locale,
      region: t.region ?? null,
      text: t.text,
      quick_replies: t.quickReplies?.length ? t.quickReplies : null,
    }));
    // One statement, no explicit transaction: on the embedded database every module shares one session
    // at boot, so a BEGIN … LOCK … COMMIT could interleave with another module's statements. ON
    // CONFLICT keeps every template that exists (edited or not) untouched and only adds the keys a
    // newer release brings; it also makes two processes seeding at the same moment harmless.
    const inserted = (await this.db.query(
      `INSERT INTO dialogue_templates (key, locale, region, text, quick_replies)
       SELECT key, locale, region, text, quick_replies
       FROM jsonb_to_recordset($1::jsonb) AS r(key text, locale text, region text, text text, quick_replies jsonb)
       ON CONFLICT (key, locale, (coalesce(region, ''))) DO NOTHING
       RETURNING 1`,
      [JSON.stringify(rows)],
    )) as unknown[];
    const added = Array.isArray(inserted) ? inserted.length : 0;
    if (added) {
      this.templates.forget();
      this.log.log(`seeded ${added} default reply templates`);
    }
    return added;
  }
}
