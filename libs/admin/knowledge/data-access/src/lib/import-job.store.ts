import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { toApiError } from '@kefu/admin/auth/data-access';
import type { KnowledgeImportDto } from '@kefu/shared/contracts';
import { catchError, EMPTY, exhaustMap, Subscription, takeWhile, tap, timer } from 'rxjs';
import { ImportOptions, KnowledgeTransferService } from './knowledge-transfer.service';

/** How often a running import is polled. */
export const IMPORT_POLL_MS = 1000;

export type ImportPhase = 'idle' | 'uploading' | 'processing' | 'done' | 'failed';

const finished = (job: KnowledgeImportDto) => job.status === 'completed' || job.status === 'failed';

/**
 * One import from file to report: uploads with byte progress, then polls the background job until it
 * has looked at every row. Provide it in the page component.
 */
@Injectable()
export class ImportJobStore {
  private readonly api = inject(KnowledgeTransferService);
  private sub: Subscription | null = null;

  readonly phase = signal<ImportPhase>('idle');
  /** Upload progress 0..100, or null while the size is unknown. */
  readonly uploadPercent = signal<number | null>(0);
  readonly job = signal<KnowledgeImportDto | null>(null);
  /** Why the upload or the polling failed (the API's message, or '' for a generic failure). */
  readonly error = signal<string | null>(null);
  /** Row progress 0..100 of the job, or null before the job knows its row count. */
  readonly rowPercent = computed(() => {
    const job = this.job();
    if (!job || job.total <= 0) return null;
    return Math.min(100, Math.round((job.processed / job.total) * 100));
  });
  readonly busy = computed(() => this.phase() === 'uploading' || this.phase() === 'processing');
  /** Seconds since the upload finished, while the job is followed (shows that work goes on). */
  readonly elapsed = signal(0);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.sub?.unsubscribe());
  }

  start(file: File, options: ImportOptions): void {
    this.sub?.unsubscribe();
    this.phase.set('uploading');
    this.uploadPercent.set(0);
    this.job.set(null);
    this.error.set(null);
    this.sub = this.api.startImport(file, options).subscribe({
      next: (p) => {
        this.uploadPercent.set(p.total ? Math.round((p.loaded / p.total) * 100) : null);
        if (p.result) this.follow(p.result);
      },
      error: (err: unknown) => this.fail(err),
    });
  }

  /** Shows an import started earlier (from the list of recent imports), following it while it runs. */
  open(job: KnowledgeImportDto): void {
    this.sub?.unsubscribe();
    this.error.set(null);
    this.uploadPercent.set(100);
    this.follow(job);
  }

  reset(): void {
    this.sub?.unsubscribe();
    this.phase.set('idle');
    this.job.set(null);
    this.error.set(null);
  }

  private follow(job: KnowledgeImportDto): void {
    this.job.set(job);
    if (finished(job)) {
      this.phase.set(job.status === 'failed' ? 'failed' : 'done');
      return;
    }
    this.phase.set('processing');
    this.sub?.unsubscribe();
    this.elapsed.set(0);
    const started = Date.now();
    this.sub = timer(IMPORT_POLL_MS, IMPORT_POLL_MS)
      .pipe(
        tap(() => this.elapsed.set(Math.round((Date.now() - started) / 1000))),
        // One poll at a time: a slow answer is waited for, not cancelled by the next tick.
        exhaustMap(() =>
          this.api.getImport(job.id).pipe(
            catchError((err: unknown) => {
              // A dropped poll is retried on the next tick; only a missing import ends it.
              if (toApiError(err).statusCode === 404) this.fail(err);
              return EMPTY;
            }),
          ),
        ),
        takeWhile((j) => !finished(j), true),
      )
      .subscribe((j) => {
        this.job.set(j);
        if (finished(j)) this.phase.set(j.status === 'failed' ? 'failed' : 'done');
      });
  }

  private fail(err: unknown): void {
    this.sub?.unsubscribe();
    this.phase.set('failed');
    this.error.set(toApiError(err).message);
  }
}
