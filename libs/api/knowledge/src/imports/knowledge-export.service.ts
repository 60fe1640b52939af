import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import {
  exportQuerySchema,
  KNOWLEDGE_FORMAT_CONTENT_TYPES,
  KnowledgeFileFormat,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { Article } from '../entities/article.entity';

export interface ExportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** The article fields of an export, in the order CSV columns and front matter list them. */
interface ExportedArticle {
  externalKey: string | null;
  title: string;
  questions: string[];
  answer: string;
  locale: string;
  status: string;
  regions: string[];
  productIds: string[];
  categoryIds: string[];
  tags: string[];
}

const BATCH = 2000;
const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** Exports in the import formats, so that an export imports back unchanged (matched on external keys). */
@Injectable()
export class KnowledgeExportService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async export(query: unknown): Promise<ExportFile> {
    const opts = parseWith(exportQuerySchema, query, 'query');
    const articles = await this.load(opts.locale, opts.status);
    const stamp = new Date().toISOString().slice(0, 10);
    const name = (ext: string) => `knowledge-${stamp}.${ext}`;
    const type = (f: KnowledgeFileFormat) => KNOWLEDGE_FORMAT_CONTENT_TYPES[f];
    switch (opts.format) {
      case 'json':
        return {
          body: Buffer.from(
            JSON.stringify(
              { exportedAt: new Date().toISOString(), articles: articles.map(exported) },
              null,
              2,
            ),
          ),
          contentType: `${type('json')}; charset=utf-8`,
          fileName: name('json'),
        };
      case 'csv':
        return {
          body: Buffer.from(`\uFEFF${toCsv(articles.map(exported))}`),
          contentType: `${type('csv')}; charset=utf-8`,
          fileName: name('csv'),
        };
      case 'markdown':
        return {
          body: Buffer.from(toMarkdownZip(articles)),
          contentType: type('markdown'),
          fileName: name('zip'),
        };
    }
  }

  private async load(locale?: string, status?: string): Promise<Article[]> {
    const out: Article[] = [];
    let lastId = 0;
    for (;;) {
      const qb = this.db.getRepository(Article).createQueryBuilder('a').where('a.id > :lastId', { lastId });
      if (locale) qb.andWhere('a.locale = :locale', { locale });
      if (status) qb.andWhere('a.status = :status', { status });
      const rows = await qb.orderBy('a.id', 'ASC').take(BATCH).getMany();
      out.push(...rows);
      if (rows.length < BATCH) return out;
      lastId = rows[rows.length - 1].id;
    }
  }
}

function exported(a: Article): ExportedArticle {
  return {
    externalKey: a.externalKey,
    title: a.title,
    questions: a.questions,
    answer: a.answer,
    locale: a.locale,
    status: a.status,
    regions: a.regions,
    productIds: a.productIds,
    categoryIds: a.categoryIds,
    tags: a.tags,
  };
}

export function toCsv(articles: ExportedArticle[]): string {
  return stringify(
    articles.map((a) => ({
      external_key: a.externalKey ?? '',
      title: a.title,
      questions: a.questions.join('|'),
      answer: a.answer,
      locale: a.locale,
      status: a.status,
      regions: a.regions.join('|'),
      product_ids: a.productIds.join('|'),
      category_ids: a.categoryIds.join('|'),
      tags: a.tags.join('|'),
    })),
    {
      header: true,
      columns: [
        'external_key',
        'title',
        'questions',
        'answer',
        'locale',
        'status',
        'regions',
        'product_ids',
        'category_ids',
        'tags',
      ],
    },
  );
}

/** One Markdown file per article: front matter with the fields, the answer as the body. */
export function toMarkdown(a: ExportedArticle): string {
  const list = (xs: string[]) => `[${xs.map(q).join(', ')}]`;
  const lines = [
    '---',
    `external_key: ${a.externalKey ? q(a.externalKey) : 'null'}`,
    `title: ${q(a.title)}`,
    `locale: ${q(a.locale)}`,
    `status: ${a.status}`,
    'questions:',
    ...a.questions.map((x) => `  - ${q(x)}`),
    `regions: ${list(a.regions)}`,
    `product_ids: ${list(a.productIds)}`,
    `category_ids: ${list(a.categoryIds)}`,
    `tags: ${list(a.tags)}`,
    '---',
    '',
    a.answer,
    '',
  ];
  return lines.join('\n');
}

function toMarkdownZip(articles: Article[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const a of articles) {
    const base =
      (a.externalKey ?? `article-${a.id}`).replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 120) ||
      `article-${a.id}`;
    let path = `${a.locale}/${base}.md`;
    if (files[path]) path = `${a.locale}/${base}-${a.id}.md`;
    files[path] = strToU8(toMarkdown(exported(a)));
  }
  return zipSync(files, { level: 6 });
}
