import { computed, signal } from '@angular/core';
import { toApiError } from '@kefu/admin/auth/data-access';
import type { Page } from '@kefu/shared/contracts';
import { finalize, Observable, Subscription } from 'rxjs';

/**
 * A list read page by page with a cursor ("Load more"): the items so far, whether there is more, and the
 * loading and error state. `fetch` gets the cursor (null for the first page). Create one per page component.
 */
export class CursorList<T extends { id: string }> {
  private sub?: Subscription;

  readonly items = signal<T[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  /** True once a page came back, so the page can tell "loading" from "nothing to show". */
  readonly loaded = signal(false);
  /** The server's message ('' for a generic failure) when the last load failed. */
  readonly error = signal<string | null>(null);
  readonly empty = computed(() => this.loaded() && !this.error() && this.items().length === 0);
  readonly hasMore = computed(() => this.nextCursor() !== null);

  constructor(private readonly fetch: (cursor: string | null) => Observable<Page<T>>) {}

  /** The first page again (after a filter changed). */
  reload(): void {
    this.load(null);
  }

  loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor && !this.loading()) this.load(cursor);
  }

  /** Puts a changed item in place of the one with its id. */
  replace(item: T): void {
    this.items.update((list) => list.map((i) => (i.id === item.id ? item : i)));
  }

  /** Takes an item out (e.g. it no longer matches the filter). */
  remove(id: string): void {
    this.items.update((list) => list.filter((i) => i.id !== id));
  }

  destroy(): void {
    this.sub?.unsubscribe();
  }

  private load(cursor: string | null): void {
    this.sub?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.sub = this.fetch(cursor)
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: (page) => {
          this.items.update((list) => (cursor ? [...list, ...page.items] : page.items));
          this.nextCursor.set(page.nextCursor);
          this.loaded.set(true);
        },
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }
}
