import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleStatus } from '@kefu/shared/contracts';
import type { ArticleContent } from '../indexing/article-index';

export const DEMO_FAQ_FILE = join(__dirname, '../../data/demo-faq.json');

interface DemoFaq {
  topics: {
    key: string;
    tags: string[];
    regions?: string[];
    locales: Record<string, { title: string; questions: string[]; answer: string }>;
  }[];
}

/** The demo shop's FAQ as article contents, one per topic and locale; external key demo-<topic>-<locale>. */
export function demoArticles(file = DEMO_FAQ_FILE): ArticleContent[] {
  const faq = JSON.parse(readFileSync(file, 'utf8')) as DemoFaq;
  const out: ArticleContent[] = [];
  for (const t of faq.topics) {
    for (const [locale, a] of Object.entries(t.locales)) {
      out.push({
        externalKey: `demo-${t.key}-${locale}`,
        title: a.title,
        questions: a.questions,
        answer: a.answer,
        locale,
        regions: t.regions ?? [],
        productIds: [],
        categoryIds: [],
        tags: t.tags,
        status: ArticleStatus.Published,
      });
    }
  }
  return out;
}
