import { computed, inject, Injectable, signal } from '@angular/core';
import { toApiError } from '@kefu/admin/auth/data-access';
import type {
  DeliveryFailureDto,
  DeliveryFailureKind,
  DeliveryFailureRef,
  ReplayResultDto,
} from '@kefu/shared/contracts';
import { catchError, finalize, Observable, Subscription, tap, throwError } from 'rxjs';
import { DeliveryFailuresApiService } from './delivery-failures-api.service';
import { replayAll, ReplayProgress } from './replay-all';

export const DELIVERY_FAILURES_PAGE_SIZE = 50;

const keyOf = (r: DeliveryFailureRef) => `${r.kind}:${r.id}`;

/**
 * The delivery-failures page's state: the failures loaded so far (newest first, "load more" for the next
 * page), the kind filter, and replays: one at a time, or every failure shown with its progress. A failure
 * that was queued again leaves the list. Provide it in the page component.
 */
@Injectable()
export class DeliveryFailuresStore {
  private readonly api = inject(DeliveryFailuresApiService);
  private loadSub?: Subscription;

  readonly items = signal<DeliveryFailureDto[]>([]);
  readonly total = signal(0);
  readonly nextCursor = signal<string | null>(null);
  readonly kind = signal<DeliveryFailureKind | null>(null);
  readonly loading = signal(false);
  /** True once a page came back, so the page can tell "loading" from "nothing failed". */
  readonly loaded = signal(false);
  /** Server message ('' for a generic failure) when the last load failed. */
  readonly error = signal<string | null>(null);
  /** `kind:id` of the failures being replayed one by one. */
  readonly replaying = signal<ReadonlySet<string>>(new Set());
  /** Set while "replay all shown" runs, and after it until the next load. */
  readonly progress = signal<ReplayProgress | null>(null);
  readonly replayingAll = signal(false);

  readonly empty = computed(() => this.loaded() && !this.error() && this.items().length === 0);
  readonly busy = computed(() => this.replayingAll() || this.replaying().size > 0);

  isReplaying(ref: DeliveryFailureRef): boolean {
    return this.replaying().has(keyOf(ref));
  }

  load(): void {
    this.fetch(null);
  }

  loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor && !this.loading()) this.fetch(cursor);
  }

  setKind(kind: DeliveryFailureKind | null): void {
    if (kind === this.kind()) return;
    this.kind.set(kind);
    this.load();
  }

  /** Replays one failure; the answer (or the error, e.g. a 409 with its reason) goes to the caller. */
  replayOne(ref: DeliveryFailureRef): Observable<ReplayResultDto> {
    const key = keyOf(ref);
    this.replaying.update((s) => new Set([...s, key]));
    return this.api.replay({ kind: ref.kind, id: ref.id }).pipe(
      tap(() => this.drop([key])),
      catchError((err: unknown) => {
        // Already delivered or gone: it no longer belongs in the list either.
        const status = toApiError(err).statusCode;
        if (status === 409 || status === 404) this.drop([key]);
        return throwError(() => err);
      }),
      finalize(() => this.replaying.update((s) => new Set([...s].filter((k) => k !== key)))),
    );
  }

  /** Replays every failure shown, in chunks; the list loses each one settled as the chunks come back. */
  replayAllShown(): Observable<ReplayProgress> {
    const refs = this.items().map(({ kind, id }) => ({ kind, id }));
    this.replayingAll.set(true);
    let seen = 0;
    return replayAll(refs, (part) => this.api.replayMany(part)).pipe(
      tap((p) => {
        this.progress.set(p);
        const done = refs.slice(seen, p.done);
        seen = p.done;
        // Queued, already delivered or gone: out of the list. The queue being unreachable: it stays, to try again.
        const stay = new Set(p.skipped.filter((r) => r.outcome === 'unavailable').map(keyOf));
        this.drop(done.map(keyOf).filter((k) => !stay.has(k)));
      }),
      finalize(() => this.replayingAll.set(false)),
    );
  }

  private drop(keys: string[]): void {
    if (!keys.length) return;
    const gone = new Set(keys);
    const before = this.items().length;
    this.items.update((list) => list.filter((i) => !gone.has(keyOf(i))));
    this.total.update((t) => Math.max(0, t - (before - this.items().length)));
  }

  private fetch(cursor: string | null): void {
    this.loadSub?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    if (!cursor) this.progress.set(null);
    this.loadSub = this.api
      .list({ kind: this.kind(), cursor, limit: DELIVERY_FAILURES_PAGE_SIZE })
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: (page) => {
          this.items.update((list) => (cursor ? [...list, ...page.items] : page.items));
          this.total.set(page.total);
          this.nextCursor.set(page.nextCursor);
          this.loaded.set(true);
        },
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }
}
