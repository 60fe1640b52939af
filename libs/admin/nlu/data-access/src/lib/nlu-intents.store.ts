import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { toApiError } from '@kefu/admin/auth/data-access';
import type { CreateIntentRequest, NluIntentDto } from '@kefu/shared/contracts';
import { Observable, tap } from 'rxjs';
import { NluService, UpdateIntentRequest } from './nlu.service';

export type IntentKindFilter = 'all' | 'builtin' | 'custom' | 'disabled';

export function matchesIntentFilter(intent: NluIntentDto, query: string, kind: IntentKindFilter): boolean {
  if (kind === 'builtin' && !intent.builtin) return false;
  if (kind === 'custom' && intent.builtin) return false;
  if (kind === 'disabled' && intent.enabled) return false;
  const q = query.trim().toLowerCase();
  return !q || intent.name.toLowerCase().includes(q) || intent.description.toLowerCase().includes(q);
}

/** The intents list with its filter, kept current as admins edit intents. Provide it in the page component. */
@Injectable()
export class NluIntentsStore {
  private readonly api = inject(NluService);
  private readonly destroyRef = inject(DestroyRef);

  readonly intents = signal<NluIntentDto[]>([]);
  readonly loaded = signal(false);
  readonly loading = signal(false);
  /** Server message (or '' for a generic failure) when the last load failed. */
  readonly error = signal<string | null>(null);
  readonly query = signal('');
  readonly kind = signal<IntentKindFilter>('all');
  /** Names whose enabled switch is being saved. */
  readonly saving = signal<ReadonlySet<string>>(new Set());

  readonly filtered = computed(() => {
    const query = this.query();
    const kind = this.kind();
    return this.intents().filter((i) => matchesIntentFilter(i, query, kind));
  });
  readonly isFiltered = computed(() => this.query().trim() !== '' || this.kind() !== 'all');
  readonly enabledNames = computed(() =>
    this.intents()
      .filter((i) => i.enabled)
      .map((i) => i.name),
  );

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api
      .intents()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.intents.set(list);
          this.loading.set(false);
          this.loaded.set(true);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.error.set(toApiError(err).message);
        },
      });
  }

  clearFilters(): void {
    this.query.set('');
    this.kind.set('all');
  }

  create(request: CreateIntentRequest): Observable<NluIntentDto> {
    return this.api.createIntent(request).pipe(tap((intent) => this.upsert(intent)));
  }

  /** Saves the change and shows it at once; puts the old value back when saving fails. */
  update(name: string, change: UpdateIntentRequest): Observable<NluIntentDto> {
    const before = this.intents().find((i) => i.name === name);
    if (before) this.upsert({ ...before, ...change });
    this.setSaving(name, true);
    return this.api.updateIntent(name, change).pipe(
      tap({
        next: (intent) => {
          this.setSaving(name, false);
          this.upsert(intent);
        },
        error: () => {
          this.setSaving(name, false);
          if (before) this.upsert(before);
        },
      }),
    );
  }

  delete(name: string): Observable<void> {
    return this.api
      .deleteIntent(name)
      .pipe(tap(() => this.intents.update((list) => list.filter((i) => i.name !== name))));
  }

  /** Re-reads the list quietly, e.g. after examples were added, so the counts are right. */
  refresh(): void {
    this.api
      .intents()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (list) => this.intents.set(list), error: () => undefined });
  }

  private upsert(intent: NluIntentDto): void {
    this.intents.update((list) => {
      const i = list.findIndex((x) => x.name === intent.name);
      const next = i < 0 ? [...list, intent] : list.map((x, j) => (j === i ? intent : x));
      return next.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  private setSaving(name: string, on: boolean): void {
    this.saving.update((s) => {
      const next = new Set(s);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  }
}
