import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { toApiError } from '@kefu/admin/auth/data-access';
import { mergeMessages, RealtimeService } from '@kefu/admin/conversations/data-access';
import type {
  ApiErrorDto,
  ContactProfileDto,
  HandoffSummaryDto,
  MessageDto,
  NoteDto,
  QueueItemDto,
  SuggestionDto,
} from '@kefu/shared/contracts';
import { catchError, EMPTY, forkJoin, Observable, of, Subscription, tap } from 'rxjs';
import { HandoffRealtimeService } from './handoff-realtime.service';
import { buildTimeline, mergeNotes, newClientId } from './workspace-format';
import { TransferInput, WorkspaceApiService } from './workspace-api.service';
import { applyConversation } from './queue.store';

/** The suggestion the draft started from, sent along so the server can keep a human-edit record. */
export type PickedSuggestion = Pick<SuggestionDto, 'text' | 'source' | 'ref'>;

/**
 * The conversation open in the workspace: its messages and internal notes (live), the suggested replies,
 * the shopper's profile, and the agent's actions. Provide it in the page component and call `open(item)`.
 */
@Injectable()
export class ConversationStore {
  private readonly api = inject(WorkspaceApiService);
  private readonly realtime = inject(RealtimeService);
  private readonly handoffRealtime = inject(HandoffRealtimeService);
  private subs: Subscription[] = [];
  /** The clientId of a send that has not succeeded yet, reused when the same text is sent again. */
  private pending: { text: string; clientId: string } | null = null;

  readonly conversation = signal<QueueItemDto | null>(null);
  readonly messages = signal<MessageDto[]>([]);
  readonly notes = signal<NoteDto[]>([]);
  readonly suggestions = signal<SuggestionDto[]>([]);
  readonly profile = signal<ContactProfileDto | null>(null);
  readonly loading = signal(false);
  readonly error = signal<ApiErrorDto | null>(null);
  readonly profileLoading = signal(false);
  readonly profileError = signal<string | null>(null);
  readonly suggestionsLoading = signal(false);
  /** The hand-off summary; null while loading or when it could not be loaded. */
  readonly summary = signal<HandoffSummaryDto | null>(null);
  /** `load` (opening) or `refresh` (the agent asked for a new one), or null. */
  readonly summaryLoading = signal<'load' | 'refresh' | null>(null);
  readonly summaryError = signal<string | null>(null);
  readonly sending = signal(false);
  /** The action being run (takeover, resolve…), to disable the toolbar meanwhile. */
  readonly acting = signal<string | null>(null);

  readonly id = computed(() => this.conversation()?.id ?? null);
  readonly timeline = computed(() => buildTimeline(this.messages(), this.notes()));

  constructor() {
    const destroyRef = inject(DestroyRef);
    const mine = (conversationId: string) => conversationId === this.id();
    const onMessage = ({ conversationId, message }: { conversationId: string; message: MessageDto }) => {
      if (!mine(conversationId)) return;
      this.messages.update((list) => mergeMessages(list, [message]));
      if (message.direction === 'incoming') this.loadSuggestions();
    };
    this.realtime.messageCreated$.pipe(takeUntilDestroyed(destroyRef)).subscribe(onMessage);
    this.realtime.messageUpdated$.pipe(takeUntilDestroyed(destroyRef)).subscribe(onMessage);
    this.realtime.conversationUpdated$.pipe(takeUntilDestroyed(destroyRef)).subscribe(({ conversation }) => {
      const current = this.conversation();
      if (current && current.id === conversation.id) this.conversation.set(applyConversation(current, conversation));
    });
    this.handoffRealtime.noteCreated$.pipe(takeUntilDestroyed(destroyRef)).subscribe(({ conversationId, note }) => {
      if (!mine(conversationId)) return;
      this.notes.update((list) => mergeNotes(list, [note]));
      // The summary written at the hand-off (or refreshed elsewhere) arrived: show it.
      if (note.kind === 'summary' && !this.summaryLoading()) this.loadSummary();
    });
    this.realtime.resynced$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      const c = this.conversation();
      if (c) this.open(c, true);
    });
  }

  /** Opens a conversation (or reloads it when `force`). */
  open(item: QueueItemDto, force = false): void {
    const same = item.id === this.id();
    this.conversation.set(item);
    if (same && !force) return;
    this.subs.forEach((s) => s.unsubscribe());
    if (!same) {
      this.messages.set([]);
      this.notes.set([]);
      this.suggestions.set([]);
      this.profile.set(null);
      this.summary.set(null);
      this.pending = null;
    }
    this.loading.set(true);
    this.error.set(null);
    this.subs = [
      forkJoin({ messages: this.api.messages(item.id), notes: this.api.notes(item.id).pipe(catchError(() => of([]))) })
        .pipe(
          catchError((err: unknown) => {
            this.loading.set(false);
            this.error.set(toApiError(err));
            return EMPTY;
          }),
        )
        .subscribe(({ messages, notes }) => {
          this.messages.update((live) => mergeMessages(live, messages));
          this.notes.update((live) => mergeNotes(live, notes));
          this.loading.set(false);
        }),
    ];
    this.loadSuggestions();
    this.loadSummary();
    this.loadProfile(item.contact.id);
  }

  close(): void {
    this.subs.forEach((s) => s.unsubscribe());
    this.conversation.set(null);
    this.messages.set([]);
    this.notes.set([]);
    this.suggestions.set([]);
    this.profile.set(null);
    this.summary.set(null);
  }

  loadSummary(): void {
    this.fetchSummary('load', (id) => this.api.summary(id));
  }

  /** Asks for a new summary (Claude when on); the stored one and its note are replaced. */
  refreshSummary(): void {
    this.fetchSummary('refresh', (id) => this.api.refreshSummary(id));
  }

  private fetchSummary(kind: 'load' | 'refresh', get: (id: string) => Observable<HandoffSummaryDto>): void {
    const id = this.id();
    if (!id) return;
    this.summaryLoading.set(kind);
    this.summaryError.set(null);
    get(id).subscribe({
      next: (s) => {
        if (id !== this.id()) return;
        this.summary.set(s);
        this.summaryLoading.set(null);
      },
      error: (err: unknown) => {
        if (id !== this.id()) return;
        this.summaryLoading.set(null);
        this.summaryError.set(toApiError(err).message || '');
      },
    });
  }

  loadSuggestions(): void {
    const id = this.id();
    if (!id) return;
    this.suggestionsLoading.set(true);
    this.api.suggestions(id).subscribe({
      next: (list) => {
        if (id !== this.id()) return;
        this.suggestions.set(list);
        this.suggestionsLoading.set(false);
      },
      // Suggestions are a help, not the job: without them the agent writes their own.
      error: () => {
        this.suggestions.set([]);
        this.suggestionsLoading.set(false);
      },
    });
  }

  private loadProfile(contactId: string): void {
    this.profileLoading.set(true);
    this.profileError.set(null);
    this.api.profile(contactId).subscribe({
      next: (p) => {
        if (this.conversation()?.contact.id !== contactId) return;
        this.profile.set(p);
        this.profileLoading.set(false);
      },
      error: (err: unknown) => {
        this.profileLoading.set(false);
        this.profileError.set(toApiError(err).message);
      },
    });
  }

  /** Sends a reply as the agent; a retry of the same text reuses its clientId so it is not sent twice. */
  reply(text: string, suggestion: PickedSuggestion | null): Observable<MessageDto> {
    const id = this.id();
    if (!id) return EMPTY;
    if (!this.pending || this.pending.text !== text) this.pending = { text, clientId: newClientId() };
    const clientId = this.pending.clientId;
    this.sending.set(true);
    return this.api.reply(id, { text, suggestion: suggestion ? { ...suggestion } : null, clientId }).pipe(
      tap({
        next: (m) => {
          this.pending = null;
          this.messages.update((list) => mergeMessages(list, [m]));
          this.sending.set(false);
        },
        error: () => this.sending.set(false),
      }),
    );
  }

  addNote(text: string): Observable<NoteDto> {
    const id = this.id();
    if (!id) return EMPTY;
    this.sending.set(true);
    return this.api.addNote(id, text).pipe(
      tap({
        next: (n) => {
          this.notes.update((list) => mergeNotes(list, [n]));
          this.sending.set(false);
        },
        error: () => this.sending.set(false),
      }),
    );
  }

  takeover(): Observable<QueueItemDto> {
    return this.act('takeover', (id) => this.api.takeover(id));
  }
  handback(): Observable<QueueItemDto> {
    return this.act('handback', (id) => this.api.handback(id));
  }
  resolve(): Observable<QueueItemDto> {
    return this.act('resolve', (id) => this.api.resolve(id));
  }
  transfer(input: TransferInput): Observable<QueueItemDto> {
    return this.act('transfer', (id) => this.api.transfer(id, input));
  }
  setTags(tags: string[]): Observable<QueueItemDto> {
    return this.act('tags', (id) => this.api.setTags(id, tags));
  }

  private act(name: string, call: (id: string) => Observable<QueueItemDto>): Observable<QueueItemDto> {
    const id = this.id();
    if (!id) return EMPTY;
    this.acting.set(name);
    return call(id).pipe(
      tap({
        next: (item) => {
          if (item.id === this.id()) this.conversation.set(item);
          this.acting.set(null);
        },
        error: () => this.acting.set(null),
      }),
    );
  }
}
