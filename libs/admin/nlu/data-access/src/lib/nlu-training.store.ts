import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { toApiError } from '@kefu/admin/auth/data-access';
import type { NluModelDto, NluTrainingRunDto } from '@kefu/shared/contracts';
import {
  catchError,
  EMPTY,
  exhaustMap,
  forkJoin,
  Observable,
  Subject,
  Subscription,
  takeWhile,
  tap,
  timer,
} from 'rxjs';
import { NluService } from './nlu.service';

/** How often a running training is polled. */
export const TRAINING_POLL_MS = 1000;

export function isRunFinished(run: Pick<NluTrainingRunDto, 'status'>): boolean {
  return run.status === 'succeeded' || run.status === 'failed';
}

/**
 * Training runs and model versions of the language engine, with the run in progress polled every
 * second until it ends. Provide it in the page component; `finished$` tells the page when a run ends.
 */
@Injectable()
export class NluTrainingStore {
  private readonly api = inject(NluService);
  private readonly destroyRef = inject(DestroyRef);
  private pollSub: Subscription | null = null;
  private readonly finished = new Subject<NluTrainingRunDto>();

  readonly runs = signal<NluTrainingRunDto[]>([]);
  readonly models = signal<NluModelDto[]>([]);
  readonly loading = signal(false);
  /** Server message (or '' for a generic failure) when the last load failed. */
  readonly error = signal<string | null>(null);
  /** The run being watched: the one in progress, or the one that just ended. */
  readonly current = signal<NluTrainingRunDto | null>(null);
  readonly starting = signal(false);
  /** Intents or examples changed since the page opened and no retraining started since. */
  readonly changesPending = signal(false);

  readonly training = computed(() => {
    const run = this.current();
    return run !== null && !isRunFinished(run);
  });
  readonly activeModel = computed(() => this.models().find((m) => m.status === 'active') ?? null);
  /** Emits each run that ends while the page watches it. */
  readonly finished$: Observable<NluTrainingRunDto> = this.finished.asObservable();

  constructor() {
    this.destroyRef.onDestroy(() => this.pollSub?.unsubscribe());
  }

  /** Loads runs and models; resumes watching a run that is still queued or running. */
  load(): void {
    this.loading.set(true);
    this.error.set(null);
    forkJoin({ runs: this.api.trainingRuns(), models: this.api.models() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ runs, models }) => {
          this.runs.set(runs);
          this.models.set(models);
          this.loading.set(false);
          const pending = runs.find((r) => !isRunFinished(r));
          if (pending && this.current()?.id !== pending.id) this.watch(pending);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.error.set(toApiError(err).message);
        },
      });
  }

  /** Starts a retraining (or joins the one already running) and watches it. */
  start(): Observable<NluTrainingRunDto> {
    this.starting.set(true);
    return this.api.train().pipe(
      tap({
        next: (run) => {
          this.starting.set(false);
          this.changesPending.set(false);
          this.upsertRun(run);
          this.watch(run);
        },
        error: () => this.starting.set(false),
      }),
    );
  }

  /** Makes an earlier model version the active one again. */
  restore(version: number): Observable<NluModelDto> {
    return this.api.activateModel(version).pipe(
      tap(() => {
        // The "vN is now active" card of the last run no longer holds.
        this.dismissCurrent();
        this.reloadModels();
      }),
    );
  }

  markChanged(): void {
    this.changesPending.set(true);
  }

  /** Forgets a finished run so its result card goes away. */
  dismissCurrent(): void {
    if (!this.training()) this.current.set(null);
  }

  private watch(run: NluTrainingRunDto): void {
    this.pollSub?.unsubscribe();
    this.current.set(run);
    if (isRunFinished(run)) return;
    this.pollSub = timer(TRAINING_POLL_MS, TRAINING_POLL_MS)
      .pipe(
        // A slow answer is waited for rather than cancelled; a failed poll is retried on the next tick.
        exhaustMap(() => this.api.trainingRun(run.id).pipe(catchError(() => EMPTY))),
        takeWhile((r) => !isRunFinished(r), true),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((r) => {
        this.current.set(r);
        this.upsertRun(r);
        if (isRunFinished(r)) {
          this.reloadModels();
          this.finished.next(r);
        }
      });
  }

  private upsertRun(run: NluTrainingRunDto): void {
    this.runs.update((list) => {
      const i = list.findIndex((r) => r.id === run.id);
      if (i < 0) return [run, ...list];
      const next = [...list];
      next[i] = run;
      return next;
    });
  }

  private reloadModels(): void {
    this.api
      .models()
      .pipe(
        catchError(() => EMPTY),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((models) => this.models.set(models));
  }
}
