import { Injector, signal } from '@angular/core';
import { RealtimeService } from '@kefu/admin/conversations/data-access';
import { ConversationStatus, type AgentReplyInput, type MessageDto, type QueueItemDto } from '@kefu/shared/contracts';
import { Observable, of, Subject, throwError } from 'rxjs';
import { ConversationStore } from './conversation.store';
import { HandoffRealtimeService } from './handoff-realtime.service';
import { applyConversation } from './queue.store';
import { WorkspaceApiService } from './workspace-api.service';

const item = (over: Partial<QueueItemDto> = {}) =>
  ({
    id: 'c1',
    status: 'pending_human',
    contact: { id: 'k1' },
    teamId: 't1',
    teamName: 'General',
    assignee: null,
    assigneeId: null,
    tags: [],
    priority: 'high',
    ...over,
  }) as QueueItemDto;

const message = (id: string, at: string, over: Partial<MessageDto> = {}) =>
  ({ id, conversationId: 'c1', createdAt: at, direction: 'incoming', ...over }) as MessageDto;

function setup() {
  const replies: AgentReplyInput[] = [];
  let failNext = false;
  const api = {
    messages: () => of([message('m1', '2026-01-01T10:00:00Z')]),
    notes: () => of([{ id: 'n1', conversationId: 'c1', text: 'x', author: null, createdAt: '2026-01-01T10:01:00Z' }]),
    suggestions: () => of([{ text: 'Hello', source: 'template', ref: 'greet', label: 'greeting' }]),
    profile: () => of({ contactId: 'k1', customer: null, recentOrders: [], pastTopics: [], conversations: 1, tags: [] }),
    reply: (_id: string, input: AgentReplyInput): Observable<MessageDto> => {
      replies.push(input);
      if (failNext) {
        failNext = false;
        return throwError(() => new Error('network'));
      }
      return of(message('m9', '2026-01-01T10:05:00Z', { direction: 'outgoing', text: input.text } as Partial<MessageDto>));
    },
    takeover: () => of(item({ status: ConversationStatus.Human, assignee: { id: 'u1', name: 'Ann' }, assigneeId: 'u1' })),
  };
  const rt = {
    connected: signal(false),
    messageCreated$: new Subject(),
    messageUpdated$: new Subject(),
    conversationUpdated$: new Subject(),
    resynced$: new Subject(),
  };
  const hrt = { noteCreated$: new Subject(), notification$: new Subject() };
  const injector = Injector.create({
    providers: [
      { provide: WorkspaceApiService, useValue: api },
      { provide: RealtimeService, useValue: rt },
      { provide: HandoffRealtimeService, useValue: hrt },
      { provide: ConversationStore, useClass: ConversationStore, deps: [] },
    ],
  });
  return { store: injector.get(ConversationStore), replies, rt, hrt, failOnce: () => (failNext = true) };
}

describe('ConversationStore', () => {
  it('loads messages, notes, suggestions and the profile, and interleaves them', () => {
    const { store } = setup();
    store.open(item());
    expect(store.timeline().map((e) => e.id)).toEqual(['m1', 'n1']);
    expect(store.suggestions()).toHaveLength(1);
    expect(store.profile()?.contactId).toBe('k1');
  });

  it('reuses the clientId when the same reply is retried, and a new one for new text', () => {
    const { store, replies, failOnce } = setup();
    store.open(item());
    failOnce();
    store.reply('Hi there', null).subscribe({ error: () => undefined });
    store.reply('Hi there', null).subscribe();
    store.reply('Something else', { text: 'Hello', source: 'template', ref: 'greet' }).subscribe();
    expect(replies[0].clientId).toBeTruthy();
    expect(replies[1].clientId).toBe(replies[0].clientId);
    expect(replies[2].clientId).not.toBe(replies[0].clientId);
    expect(replies[2].suggestion).toEqual({ text: 'Hello', source: 'template', ref: 'greet' });
    expect(store.messages().map((m) => m.id)).toContain('m9');
  });

  it('takes live messages and notes of the open conversation only', () => {
    const { store, rt, hrt } = setup();
    store.open(item());
    rt.messageCreated$.next({ conversationId: 'other', message: message('x', '2026-01-01T11:00:00Z') });
    rt.messageCreated$.next({ conversationId: 'c1', message: message('m2', '2026-01-01T10:03:00Z') });
    hrt.noteCreated$.next({ conversationId: 'c1', note: { id: 'n2', conversationId: 'c1', text: 'y', author: null, createdAt: '2026-01-01T10:04:00Z' } });
    expect(store.timeline().map((e) => e.id)).toEqual(['m1', 'n1', 'm2', 'n2']);
  });

  it('puts the action result in place', () => {
    const { store } = setup();
    store.open(item());
    store.takeover().subscribe();
    expect(store.conversation()?.status).toBe('human');
    expect(store.acting()).toBeNull();
  });
});

describe('applyConversation', () => {
  it('keeps the queue-only fields and drops a stale assignee', () => {
    const before = item({ assignee: { id: 'u1', name: 'Ann' }, assigneeId: 'u1' });
    const after = applyConversation(before, { ...before, status: ConversationStatus.PendingHuman, assigneeId: null, teamId: 't1' });
    expect(after.assignee).toBeNull();
    expect(after.teamName).toBe('General');
  });
});
