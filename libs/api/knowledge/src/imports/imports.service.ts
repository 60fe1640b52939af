import { BadRequestException, Injectable, Logger, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ArticleSource,
  ArticleStatus,
  ImportRowErrorDto,
  importQuerySchema,
  KNOWLEDGE_FORMAT_CONTENT_TYPES,
  KnowledgeFileFormat,
  KnowledgeImportDto,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { QueueService } from '@kefu/api/platform/queue';
import { ExclusiveTransactions, yieldToEventLoop } from '../db/exclusive-transaction';
import { KnowledgeImport } from '../entities/knowledge-import.entity';
import { ArticleContent, contentHash } from '../indexing/article-index';
import { applyTermDeltas } from '../indexing/term-stats';
import { KnowledgeImportJob } from '../jobs/knowledge.jobs';
import { SynonymsService } from '../synonyms/synonyms.service';
import { isUuid } from '../util';
import { ArticleUpserter } from './article-upserter';
import { FileFormatError, parseRows, RawRow } from './file-parsers';
import { DuplicateTracker, titleKey, validateRow } from './row-validation';

/**
 * Rows per transaction. Each batch commits its articles, versions, term counts and the import's
 * progress together; between batches the job yields, so that progress reads and other requests get
 * through (on the embedded database, which has one session, they wait for at most one batch).
 */
export const IMPORT_BATCH = 200;
const MAX_STORED_ERRORS = 1000;

/** Another run of the same import moved on (a job retried while the first attempt still ran). */
class ImportMovedOn extends Error {}

export function toImportDto(i: KnowledgeImport): KnowledgeImportDto {
  return {
    id: i.id,
    format: i.format,
    fileName: i.fileName,
    status: i.status,
    total: i.total,
    processed: i.processed,
    created: i.created,
    updated: i.updated,
    unchanged: i.unchanged,
    failed: i.failed,
    errors: i.errors,
    error: i.error,
    createdBy: i.createdBy,
    createdAt: i.createdAt.toISOString(),
    startedAt: i.startedAt?.toISOString() ?? null,
    finishedAt: i.finishedAt?.toISOString() ?? null,
  };
}

/** Content-Type (without parameters) → format. */
export function formatOfContentType(contentType: string | undefined): KnowledgeFileFormat | null {
  const t = (contentType ?? '').split(';')[0].trim().toLowerCase();
  for (const [format, type] of Object.entries(KNOWLEDGE_FORMAT_CONTENT_TYPES))
    if (type === t) return format as KnowledgeFileFormat;
  if (t === 'application/x-zip-compressed') return 'markdown';
  return null;
}

/**
 * Imports of CSV, JSON and zipped Markdown files. The upload is checked, stored and queued; the
 * `knowledge.import` job applies it in batches, recording progress and per-row errors as it goes.
 * Rows are matched on their external key, so importing the same file twice changes nothing.
 */
@Injectable()
export class ImportsService implements OnModuleInit {
  private readonly log = new Logger(ImportsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly upserter: ArticleUpserter,
    private readonly synonyms: SynonymsService,
    private readonly tx: ExclusiveTransactions,
  ) {}

  onModuleInit() {
    this.queue.process(KnowledgeImportJob, ({ importId }) => this.run(importId));
  }

  /** Stores an uploaded file and queues its import. 400 when the file cannot be read at all. */
  async upload(
    file: Buffer | null,
    contentType: string | undefined,
    query: unknown,
    userId: string | null,
  ): Promise<KnowledgeImportDto> {
    const q = parseWith(importQuerySchema, query, 'query');
    const format = q.format ?? formatOfContentType(contentType);
    if (!format) {
      throw new BadRequestException(
        `cannot tell the file's format from Content-Type "${contentType ?? ''}"; send text/csv, application/json or application/zip, or pass ?format=`,
      );
    }
    if (!file?.length) throw new BadRequestException('the file is empty');
    try {
      // Read the whole file now, so an unreadable upload is a 400 rather than a failed import.
      parseRows(format, file);
    } catch (e) {
      if (e instanceof FileFormatError) throw new BadRequestException(`invalid file: ${e.message}`);
      throw e;
    }
    const saved = await this.db.getRepository(KnowledgeImport).save({
      format,
      fileName: q.fileName ?? null,
      status: 'queued',
      options: { locale: q.locale, status: q.status },
      payload: file,
      createdBy: userId,
    } as Partial<KnowledgeImport>);
    await this.queue.add(
      KnowledgeImportJob,
      { importId: saved.id },
      { jobId: `knowledge-import-${saved.id}` },
    );
    return this.get(saved.id);
  }

  async list(limit = 50): Promise<KnowledgeImportDto[]> {
    const rows = await this.db
      .getRepository(KnowledgeImport)
      .find({ order: { createdAt: 'DESC', id: 'DESC' }, take: Math.min(200, limit) });
    return rows.map(toImportDto);
  }

  async get(id: string): Promise<KnowledgeImportDto> {
    const row = isUuid(id) ? await this.db.getRepository(KnowledgeImport).findOneBy({ id }) : null;
    if (!row) throw new NotFoundException(`import ${id} does not exist`);
    return toImportDto(row);
  }

  /**
   * The job. Applies the rows in batches of IMPORT_BATCH, each in its own transaction together with
   * the progress counters and row errors, so a crash leaves the import at the end of a committed
   * batch and a re-run (the job's retry, or the next attempt after a restart) resumes there: rows
   * before it count for duplicate detection, and rows match on their external key, so nothing is
   * applied twice. Quietly stops when the import is already finished, or when another run of it is
   * ahead.
   */
  async run(importId: string): Promise<void> {
    // The upload that queued us answers first (the embedded queue runs jobs in the same process).
    await yieldToEventLoop();
    const repo = this.db.getRepository(KnowledgeImport);
    const imp = await repo
      .createQueryBuilder('i')
      .addSelect('i.payload')
      .where('i.id = :id', { id: importId })
      .getOne();
    if (!imp || imp.status === 'completed' || imp.status === 'failed' || !imp.payload) return;
    await yieldToEventLoop();

    let rows: RawRow[];
    try {
      rows = parseRows(imp.format, imp.payload);
    } catch (e) {
      if (!(e instanceof FileFormatError)) throw e;
      await repo.update(
        { id: imp.id },
        { status: 'failed', error: e.message, payload: null, finishedAt: new Date() },
      );
      return;
    }
    imp.payload = null; // the rows are all we need from here on
    await yieldToEventLoop();
    await repo.update(
      { id: imp.id },
      { status: 'running', total: rows.length, startedAt: imp.startedAt ?? new Date() },
    );
    await this.synonyms.index();

    const defaults = { locale: imp.options.locale, status: imp.options.status as ArticleStatus | undefined };
    const validate = (r: RawRow) => ({ row: r.row, result: validateRow(r, defaults) });
    const tracker = new DuplicateTracker();
    // Rows processed before a crash still count for duplicate detection.
    for (let start = 0; start < imp.processed; start += IMPORT_BATCH) {
      for (const v of rows.slice(start, Math.min(imp.processed, start + IMPORT_BATCH)).map(validate))
        if (v.result.ok) tracker.check(v.row, v.result.content);
      await yieldToEventLoop();
    }

    try {
      for (let start = imp.processed; start < rows.length; start += IMPORT_BATCH) {
        const batch = rows.slice(start, start + IMPORT_BATCH).map(validate);
        await this.tx.run((em) => this.applyBatch(em, imp, start, batch, tracker));
        await yieldToEventLoop();
      }
    } catch (e) {
      if (!(e instanceof ImportMovedOn)) throw e;
      this.log.warn(`import ${imp.id}: another run is ahead of this one; leaving it the rest`);
      return;
    }
    await repo.update(
      { id: imp.id, status: 'running' },
      { status: 'completed', payload: null, finishedAt: new Date() },
    );
    this.log.log(`import ${imp.id} completed: ${rows.length} rows`);
  }

  private async applyBatch(
    em: EntityManager,
    imp: KnowledgeImport,
    start: number,
    batch: { row: number; result: ReturnType<typeof validateRow> }[],
    tracker: DuplicateTracker,
  ): Promise<void> {
    // The import row, locked: a second run of the same import waits here, then sees it moved on.
    const [state] = (await em.query(
      `SELECT processed, status FROM knowledge_imports WHERE id = $1 FOR UPDATE`,
      [imp.id],
    )) as {
      processed: number;
      status: string;
    }[];
    if (!state || state.status !== 'running' || state.processed !== start) throw new ImportMovedOn();
    const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    const errors: ImportRowErrorDto[] = [];
    const fail = (row: number, message: string, externalKey: string | null) => {
      counts.failed++;
      errors.push({ row, message, externalKey });
    };
    const good = batch
      .filter((b) => b.result.ok)
      .map((b) => (b.result as { ok: true; content: ArticleContent }).content);
    const byKey = await this.upserter.byKeys(
      em,
      good.flatMap((c) => (c.externalKey ? [c.externalKey] : [])),
    );
    const byTitle = await this.upserter.byTitles(
      em,
      good.filter((c) => !c.externalKey),
    );
    const deltas = new Map<string, number>();

    for (const { row, result } of batch) {
      if (!result.ok) {
        fail(row, result.message, result.externalKey);
        continue;
      }
      const c = result.content;
      const dup = tracker.check(row, c);
      if (dup) {
        fail(row, dup, c.externalKey);
        continue;
      }
      if (!c.externalKey) {
        const same = byTitle.get(titleKey(c.locale, c.title));
        if (same && !same.externalKey && same.contentHash === contentHash(c)) {
          counts.unchanged++; // the very same article (e.g. an export imported back)
          continue;
        }
        if (same) {
          fail(
            row,
            `duplicates article ${same.id} (same title; give rows an externalKey to update articles)`,
            null,
          );
          continue;
        }
      }
      const out = await this.upserter.upsert(
        em,
        c,
        c.externalKey ? byKey.get(c.externalKey) : undefined,
        {
          authorId: imp.createdBy,
          source: ArticleSource.Import,
          note: imp.fileName ? `import of ${imp.fileName}` : 'import',
        },
        deltas,
      );
      counts[out.kind]++;
    }
    await applyTermDeltas(em, deltas);
    await em.query(
      `UPDATE knowledge_imports SET processed = processed + $2, created = created + $3, updated = updated + $4,
         unchanged = unchanged + $5, failed = failed + $6,
         errors = CASE WHEN jsonb_array_length(errors) >= ${MAX_STORED_ERRORS} THEN errors
                       ELSE errors || $7::jsonb END
       WHERE id = $1`,
      [
        imp.id,
        batch.length,
        counts.created,
        counts.updated,
        counts.unchanged,
        counts.failed,
        JSON.stringify(errors.slice(0, MAX_STORED_ERRORS)),
      ],
    );
  }
}
