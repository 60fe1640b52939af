import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ArticleSource } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { ArticleWriter } from '../articles/article-writer';
import { applyTermDeltas } from '../indexing/term-stats';
import { SynonymsService } from '../synonyms/synonyms.service';
import { ExclusiveTransactions } from '../db/exclusive-transaction';
import { demoArticles } from './demo-faq';

/**
 * At boot: the default synonym groups (once per install), and — when SEED_DEMO is on (embedded
 * mode by default) and the knowledge base has no article yet — the demo shop's FAQ in zh-CN, en, ja.
 */
@Injectable()
export class KnowledgeSeeder implements OnApplicationBootstrap {
  private readonly log = new Logger(KnowledgeSeeder.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly synonyms: SynonymsService,
    private readonly writer: ArticleWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly exclusive: ExclusiveTransactions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seedDefaults();
    if (this.config.seedDemo) await this.seedDemo();
  }

  seedDefaults(): Promise<number> {
    return this.synonyms.seedDefaults();
  }

  /** Adds the demo FAQ if there is no article at all. Returns how many articles were added. */
  async seedDemo(): Promise<number> {
    await this.synonyms.index();
    // On the embedded database every module shares one session at boot: run the seed as an exclusive
    // transaction there so no other module's statement lands inside it.
    const added = await this.exclusive.run(async (em) => {
      // Serialises two processes booting at once on the same database.
      await em.query(`LOCK TABLE knowledge_articles IN SHARE ROW EXCLUSIVE MODE`);
      const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM knowledge_articles`)) as {
        n: number;
      }[];
      if (n > 0) return 0;
      const deltas = new Map<string, number>();
      const articles = demoArticles();
      for (const a of articles)
        await this.writer.create(
          em,
          a,
          { authorId: null, source: ArticleSource.Seed, note: 'demo shop FAQ' },
          deltas,
        );
      await applyTermDeltas(em, deltas);
      return articles.length;
    });
    if (added) this.log.log(`seeded the demo FAQ: ${added} articles`);
    return added;
  }
}
