import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { toApiError } from '@kefu/admin/auth/data-access';
import type { AgentAvailability, HandoffNotificationDto } from '@kefu/shared/contracts';
import { HandoffRealtimeService } from './handoff-realtime.service';
import { AgentMeDto, WorkspaceAgentDto, WorkspaceApiService } from './workspace-api.service';

export const NOTIFICATIONS_KEPT = 50;

/**
 * The signed-in agent's side of the workspace: availability, teams, the notifications bell (live
 * `handoff.notification` events; unread until opened) and the list of agents for transfers.
 */
@Injectable()
export class AgentStore {
  private readonly api = inject(WorkspaceApiService);
  private readonly realtime = inject(HandoffRealtimeService);

  readonly me = signal<AgentMeDto | null>(null);
  readonly agents = signal<WorkspaceAgentDto[]>([]);
  readonly notifications = signal<HandoffNotificationDto[]>([]);
  /** Ids seen as unread in this session (the API's DTO has no read flag; `me.unread` is the count). */
  readonly unreadIds = signal<ReadonlySet<string>>(new Set());
  readonly savingAvailability = signal(false);
  readonly error = signal<string | null>(null);

  readonly availability = computed(() => this.me()?.availability ?? 'offline');
  readonly unread = computed(() => Math.max(this.me()?.unread ?? 0, this.unreadIds().size));

  constructor() {
    this.realtime.notification$.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe((n) => {
      this.notifications.update((list) => [n, ...list.filter((x) => x.id !== n.id)].slice(0, NOTIFICATIONS_KEPT));
      this.unreadIds.update((s) => new Set([...s, n.id]));
    });
  }

  load(): void {
    this.api.me().subscribe({
      next: (me) => this.me.set(me),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
    this.api.notifications().subscribe({
      next: (list) => this.notifications.set(list.slice(0, NOTIFICATIONS_KEPT)),
      error: () => this.notifications.set([]),
    });
    this.api.agents().subscribe({ next: (a) => this.agents.set(a), error: () => this.agents.set([]) });
  }

  setAvailability(availability: AgentAvailability, onError: (message: string) => void): void {
    const before = this.me();
    if (before) this.me.set({ ...before, availability });
    this.savingAvailability.set(true);
    this.api.setAvailability(availability).subscribe({
      next: (me) => {
        this.me.set(me);
        this.savingAvailability.set(false);
      },
      error: (err: unknown) => {
        this.me.set(before);
        this.savingAvailability.set(false);
        onError(toApiError(err).message);
      },
    });
  }

  /** Marks what the bell shows as read (the list was opened). */
  markAllRead(): void {
    const ids = new Set([...this.unreadIds()]);
    const me = this.me();
    const unreadCount = me?.unread ?? 0;
    // The server counts unread ones; the newest `unread` of the list are those.
    this.notifications()
      .slice(0, unreadCount)
      .forEach((n) => ids.add(n.id));
    for (const id of ids) this.api.markRead(id).subscribe({ error: () => undefined });
    this.unreadIds.set(new Set());
    if (me) this.me.set({ ...me, unread: 0 });
  }
}
