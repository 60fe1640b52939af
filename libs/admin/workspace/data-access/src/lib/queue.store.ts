import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { toApiError } from '@kefu/admin/auth/data-access';
import { RealtimeService } from '@kefu/admin/conversations/data-access';
import type { ConversationDto, QueueItemDto, TeamDto } from '@kefu/shared/contracts';
import { debounceTime, finalize, interval, merge, Subject, Subscription } from 'rxjs';
import { QueueView, WorkspaceApiService } from './workspace-api.service';

/** Live events are bursty (a reply is a message, a status change and a delivery update): refetch once. */
export const QUEUE_REFRESH_DEBOUNCE_MS = 600;

/** Applies the fields a `conversation.updated` event carries to a queue item. */
export function applyConversation(item: QueueItemDto, c: ConversationDto): QueueItemDto {
  return {
    ...item,
    status: c.status,
    handoffReason: c.handoffReason,
    teamId: c.teamId,
    assigneeId: c.assigneeId,
    priority: c.priority,
    tags: c.tags,
    lastMessageAt: c.lastMessageAt,
    lastMessagePreview: c.lastMessagePreview,
    messageCount: c.messageCount,
    assignee: c.assigneeId === item.assignee?.id ? item.assignee : c.assigneeId ? item.assignee : null,
    teamName: c.teamId === item.teamId ? item.teamName : null,
  };
}

/**
 * The workspace queue: the current tab (waiting, mine, all open) and team filter, the items as the server
 * orders them (priority, then the longest waiting), a one-second clock for the waiting timers, and a
 * debounced refetch on every live conversation or message event. Provide it in the page component.
 */
@Injectable()
export class QueueStore {
  private readonly api = inject(WorkspaceApiService);
  private readonly realtime = inject(RealtimeService);
  private readonly refreshes = new Subject<void>();
  private loadSub?: Subscription;

  readonly view = signal<QueueView>('waiting');
  readonly teamId = signal<string | null>(null);
  readonly items = signal<QueueItemDto[]>([]);
  readonly teams = signal<TeamDto[]>([]);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly error = signal<string | null>(null);
  /** Ticks every second; the waiting timers derive from it. */
  readonly now = signal(Date.now());
  readonly live = this.realtime.connected;

  readonly empty = computed(() => this.loaded() && !this.error() && this.items().length === 0);
  /** The team's time limit (minutes) by team id, for the overdue colour. */
  readonly limits = computed(() => new Map(this.teams().map((t) => [t.id, t.escalateAfterMinutes])));

  constructor() {
    const destroyRef = inject(DestroyRef);
    merge(this.realtime.conversationUpdated$, this.realtime.messageCreated$, this.realtime.resynced$, this.refreshes)
      .pipe(debounceTime(QUEUE_REFRESH_DEBOUNCE_MS), takeUntilDestroyed(destroyRef))
      .subscribe(() => this.load(true));
    this.realtime.conversationUpdated$.pipe(takeUntilDestroyed(destroyRef)).subscribe(({ conversation }) => {
      this.items.update((list) => list.map((i) => (i.id === conversation.id ? applyConversation(i, conversation) : i)));
    });
    interval(1000)
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => this.now.set(Date.now()));
  }

  /** Loads the queue; `quiet` keeps the list on screen (no spinner) for live refreshes. */
  load(quiet = false): void {
    this.loadSub?.unsubscribe();
    if (!quiet) this.loading.set(true);
    this.error.set(null);
    this.loadSub = this.api
      .queue({ view: this.view(), teamId: this.teamId() })
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: (items) => {
          this.items.set(items);
          this.loaded.set(true);
          this.now.set(Date.now());
        },
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }

  loadTeams(): void {
    this.api.teams().subscribe({ next: (teams) => this.teams.set(teams), error: () => this.teams.set([]) });
  }

  /** Asks for a refetch, debounced with the live events. */
  refresh(): void {
    this.refreshes.next();
  }

  setView(view: QueueView): void {
    if (view === this.view()) return;
    this.view.set(view);
    this.items.set([]);
    this.loaded.set(false);
    this.load();
  }

  setTeam(teamId: string | null): void {
    if (teamId === this.teamId()) return;
    this.teamId.set(teamId);
    this.load();
  }

  /** Puts the server's answer to an action in place (the next refetch may move or drop it). */
  replace(item: QueueItemDto): void {
    this.items.update((list) => list.map((i) => (i.id === item.id ? item : i)));
  }
}
