import { HttpErrorResponse } from '@angular/common/http';
import { Injector, signal } from '@angular/core';
import { RealtimeService } from '@kefu/admin/conversations/data-access';
import { ConversationStatus, type AgentReplyInput, type HandoffSummaryDto, type MessageDto, type QueueItemDto } from '@kefu/shared/contracts';
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

const summary = (over: Partial<HandoffSummaryDto> = {}): HandoffSummaryDto => ({
  conversationId: 'c1',
  wants: '退货(订单 KF102287)',
  tried: ['退货(被拒绝)'],
  facts: ['订单:KF102287'],
  mood: '生气',
  source: 'offline',
  language: 'zh',
  handoffAt: '2026-01-01T10:00:00Z',
  createdAt: '2026-01-01T10:00:05Z',
  ...over,
});

function setup() {
  const replies: AgentReplyInput[] = [];
  let failNext = false;
  const summaryCalls: string[] = [];
  const refresh = new Subject<HandoffSummaryDto>();
  const api = {
    summary: (id: string) => {
      summaryCalls.push(`get ${id}`);
      return of(summary({ conversationId: id }));
    },
    refreshSummary: (id: string) => {
      summaryCalls.push(`post ${id}`);
      return refresh.asObservable();
    },
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
  return { store: injector.get(ConversationStore), replies, rt, hrt, failOnce: () => (failNext = true), summaryCalls, refresh, api };
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

describe('ConversationStore: the hand-off summary card', () => {
  it('loads the summary with the conversation', () => {
    const { store, summaryCalls } = setup();
    store.open(item());
    expect(summaryCalls).toEqual(['get c1']);
    expect(store.summary()?.wants).toBe('退货(订单 KF102287)');
    expect(store.summaryLoading()).toBeNull();
  });

  it('shows progress while a refresh is written, then the new summary', () => {
    const { store, refresh } = setup();
    store.open(item());
    store.refreshSummary();
    expect(store.summaryLoading()).toBe('refresh');
    refresh.next(summary({ source: 'claude', wants: '退货并退款' }));
    expect(store.summaryLoading()).toBeNull();
    expect(store.summary()).toMatchObject({ source: 'claude', wants: '退货并退款' });
  });

  it('says why when the summary cannot be loaded, and clears it on retry', () => {
    const { store, refresh } = setup();
    store.open(item());
    store.refreshSummary();
    refresh.error(new HttpErrorResponse({ status: 403, error: { statusCode: 403, message: 'conversation c1 is not routed to your teams or to you' } }));
    expect(store.summaryLoading()).toBeNull();
    expect(store.summaryError()).toContain('not routed');
    store.loadSummary();
    expect(store.summaryError()).toBeNull();
    expect(store.summary()).not.toBeNull();
  });

  it('reloads when the summary note of the open conversation arrives, not for other notes or conversations', () => {
    const { store, hrt, summaryCalls } = setup();
    store.open(item());
    const note = (conversationId: string, kind: 'summary' | null) => ({
      conversationId,
      note: { id: `n-${conversationId}-${kind}`, conversationId, text: 's', author: null, createdAt: '2026-01-01T10:02:00Z', kind },
    });
    hrt.noteCreated$.next(note('other', 'summary'));
    hrt.noteCreated$.next(note('c1', null));
    expect(summaryCalls).toEqual(['get c1']);
    hrt.noteCreated$.next(note('c1', 'summary'));
    expect(summaryCalls).toEqual(['get c1', 'get c1']);
  });

  it('forgets the summary of the previous conversation when another opens', () => {
    const { store, summaryCalls } = setup();
    store.open(item());
    store.open(item({ id: 'c2' }));
    expect(summaryCalls).toEqual(['get c1', 'get c2']);
    expect(store.summary()?.conversationId).toBe('c2');
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
