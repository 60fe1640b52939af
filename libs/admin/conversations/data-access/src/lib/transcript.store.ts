import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { toApiError } from '@kefu/admin/auth/data-access';
import type { ApiErrorDto, ConversationDto, MessageDto } from '@kefu/shared/contracts';
import { catchError, EMPTY, forkJoin, Subject, switchMap } from 'rxjs';
import { ConversationsService } from './conversations.service';
import { RealtimeService } from './realtime.service';

function byTime(a: MessageDto, b: MessageDto): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Merges messages by id (later versions win) and keeps them oldest first. */
export function mergeMessages(current: readonly MessageDto[], incoming: readonly MessageDto[]): MessageDto[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort(byTime);
}

/**
 * One conversation and its messages, kept live over the realtime feed (new messages, delivery status
 * changes, status changes). Provide it in the page component and call `open(id)`.
 */
@Injectable()
export class TranscriptStore {
  private readonly api = inject(ConversationsService);
  private readonly realtime = inject(RealtimeService);
  private readonly opens = new Subject<string>();
  private conversationId: string | null = null;

  readonly conversation = signal<ConversationDto | null>(null);
  readonly messages = signal<MessageDto[]>([]);
  readonly loading = signal(false);
  readonly error = signal<ApiErrorDto | null>(null);
  readonly live = this.realtime.connected;

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.opens
      .pipe(
        switchMap((id) =>
          forkJoin({ conversation: this.api.get(id), messages: this.api.messages(id) }).pipe(
            catchError((err: unknown) => {
              this.loading.set(false);
              this.error.set(toApiError(err));
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(({ conversation, messages }) => {
        this.conversation.set(conversation);
        // The server's copy wins; keep anything that arrived live while the request was in flight.
        this.messages.update((live) => mergeMessages(live, messages));
        this.loading.set(false);
      });

    const mine = (conversationId: string) => conversationId === this.conversationId;
    this.realtime.messageCreated$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ conversationId, message }) => {
        if (mine(conversationId)) this.messages.update((list) => mergeMessages(list, [message]));
      });
    this.realtime.messageUpdated$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ conversationId, message }) => {
        if (mine(conversationId)) this.messages.update((list) => mergeMessages(list, [message]));
      });
    this.realtime.conversationUpdated$.pipe(takeUntilDestroyed(destroyRef)).subscribe(({ conversation }) => {
      if (mine(conversation.id)) this.conversation.set(conversation);
    });
    this.realtime.resynced$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      if (this.conversationId) this.opens.next(this.conversationId);
    });
  }

  open(id: string): void {
    if (id !== this.conversationId) {
      this.conversation.set(null);
      this.messages.set([]);
    }
    this.conversationId = id;
    this.loading.set(true);
    this.error.set(null);
    this.opens.next(id);
  }
}
