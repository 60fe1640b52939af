import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { toApiError } from '@kefu/admin/auth/data-access';
import type { ConversationDto, ConversationStatus, MessageDto } from '@kefu/shared/contracts';
import { catchError, EMPTY, filter, Subject, Subscription, switchMap } from 'rxjs';
import { ConversationsService } from './conversations.service';
import { RealtimeService } from './realtime.service';

export const CONVERSATION_PAGE_SIZE = 25;
const PREVIEW_LENGTH = 140;

export interface ConversationFilters {
  status: ConversationStatus | null;
  inboxId: string | null;
}

/** Newest activity first, ties by id so the order is stable. */
function byActivity(a: ConversationDto, b: ConversationDto): number {
  return b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id.localeCompare(a.id);
}

/**
 * The conversation list with its filters and cursor paging, kept live: `conversation.updated` and
 * `message.created` move conversations to the top, and new conversations appear without a reload.
 * Provide it in the page component.
 */
@Injectable()
export class ConversationListStore {
  private readonly api = inject(ConversationsService);
  private readonly realtime = inject(RealtimeService);
  private readonly reloads = new Subject<ConversationFilters>();
  private moreSub: Subscription | null = null;
  /** Conversations being fetched because a message arrived for one we do not show yet. */
  private readonly fetching = new Set<string>();

  readonly filters = signal<ConversationFilters>({ status: null, inboxId: null });
  readonly items = signal<ConversationDto[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly loadingMore = signal(false);
  /** Server message (or '' for a generic failure) when the last load failed. */
  readonly error = signal<string | null>(null);
  readonly hasMore = computed(() => this.nextCursor() !== null);
  readonly isFiltered = computed(() => this.filters().status !== null || this.filters().inboxId !== null);
  readonly live = this.realtime.connected;

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.reloads
      .pipe(
        switchMap((f) => {
          this.moreSub?.unsubscribe();
          this.loading.set(true);
          this.loadingMore.set(false);
          this.error.set(null);
          return this.api.list({ ...f, limit: CONVERSATION_PAGE_SIZE }).pipe(
            catchError((err: unknown) => {
              this.loading.set(false);
              this.error.set(toApiError(err).message);
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((page) => {
        this.items.set([...page.items].sort(byActivity));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
      });

    this.realtime.conversationUpdated$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ conversation }) => this.upsert(conversation));
    this.realtime.messageCreated$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ conversationId, message }) => this.onMessage(conversationId, message));
    this.realtime.resynced$
      .pipe(
        filter(() => !this.loading()),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(() => this.reload());
  }

  setFilters(filters: ConversationFilters): void {
    this.filters.set(filters);
    this.reload();
  }

  reload(): void {
    this.reloads.next(this.filters());
  }

  loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore() || this.loading()) return;
    this.loadingMore.set(true);
    this.moreSub = this.api.list({ ...this.filters(), limit: CONVERSATION_PAGE_SIZE, cursor }).subscribe({
      next: (page) => {
        // Live updates may have moved some of these to the top already: keep one of each.
        const known = new Set(this.items().map((c) => c.id));
        this.items.update((items) =>
          [...items, ...page.items.filter((c) => !known.has(c.id))].sort(byActivity),
        );
        this.nextCursor.set(page.nextCursor);
        this.loadingMore.set(false);
      },
      error: (err: unknown) => {
        this.loadingMore.set(false);
        this.error.set(toApiError(err).message);
      },
    });
  }

  private matches(c: ConversationDto): boolean {
    const f = this.filters();
    return (!f.status || c.status === f.status) && (!f.inboxId || c.inboxId === f.inboxId);
  }

  private upsert(conversation: ConversationDto): void {
    this.items.update((items) => {
      const rest = items.filter((c) => c.id !== conversation.id);
      if (!this.matches(conversation)) return rest;
      // Older than everything loaded while more pages remain: paging will bring it in its place.
      const last = rest[rest.length - 1];
      if (this.hasMore() && last && byActivity(conversation, last) > 0) return rest;
      return [...rest, conversation].sort(byActivity);
    });
  }

  private onMessage(conversationId: string, message: MessageDto): void {
    const current = this.items().find((c) => c.id === conversationId);
    if (!current) {
      this.fetchAndInsert(conversationId);
      return;
    }
    if (message.createdAt < current.lastMessageAt) return;
    this.upsert({
      ...current,
      lastMessageAt: message.createdAt,
      lastMessagePreview: message.text ? message.text.slice(0, PREVIEW_LENGTH) : current.lastMessagePreview,
    });
  }

  private fetchAndInsert(conversationId: string): void {
    if (this.fetching.has(conversationId) || this.loading()) return;
    this.fetching.add(conversationId);
    this.api.get(conversationId).subscribe({
      next: (c) => {
        this.fetching.delete(conversationId);
        this.upsert(c);
      },
      error: () => this.fetching.delete(conversationId),
    });
  }
}
