import { Logger } from '@nestjs/common';
import type { Inbox, InboxesService } from '@kefu/api/conversations';
import { ChannelType } from '@kefu/shared/contracts';
import { parseConfig } from '@kefu/api/platform/config';
import type { DataSource } from 'typeorm';
import type { EmailInboundService } from './email-inbound.service';
import type { ImapClient } from './imap-poller';
import { ImapPollerService } from './imap-poller.service';

const imapInbox = (
  id: string,
  over: Partial<Inbox> = {},
  imap: Record<string, unknown> | null = { enabled: true },
): Inbox =>
  ({
    id,
    channel: ChannelType.Email,
    secret: 's',
    settings: {
      address: 'support@shop.example',
      smtp: { host: 'smtp.shop.example' },
      imap: imap && { host: 'imap.shop.example', user: 'support', pollSeconds: 15, ...imap },
    },
    credentials: { imapPassword: 'pw' },
    updatedAt: new Date('2026-11-20T00:00:00Z'),
    ...over,
  }) as unknown as Inbox;

/** Each connection the poller opens, with the mailbox always holding one unseen mail. */
class CountingPoller extends ImapPollerService {
  readonly connections: { host: string; pass: string }[] = [];
  protected override client(imap: { host: string }, password: string): ImapClient {
    this.connections.push({ host: imap.host, pass: password });
    return {
      connect: async () => undefined,
      getMailboxLock: async () => ({ release: () => undefined }),
      search: async () => [1],
      fetchOne: async () => ({ uid: 1, size: 10, source: Buffer.from('From: a@b.example\r\n\r\nhi') }),
      messageFlagsAdd: async () => true,
      logout: async () => undefined,
      close: () => undefined,
    };
  }
}

function setup(inboxes: Inbox[], role: 'all' | 'api' = 'all') {
  const list = { current: inboxes };
  const taken: string[] = [];
  const poller = new CountingPoller(
    { list: async () => list.current } as unknown as InboxesService,
    { receive: async (inbox: Inbox) => taken.push(inbox.id) } as unknown as EmailInboundService,
    {} as DataSource,
    parseConfig({ ROLE: role, SHUTDOWN_TIMEOUT_MS: '1000' }),
  );
  return { poller, list, taken };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('IMAP poller lifecycle', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => jest.useRealTimers());

  it('polls each IMAP-enabled e-mail inbox right away, and no other inbox', async () => {
    const { poller, taken } = setup([
      imapInbox('a'),
      imapInbox('b', {}, { enabled: false }),
      imapInbox('c', {}, null),
      imapInbox('d', { channel: ChannelType.Api, settings: {} }),
    ]);
    await poller.reconcile();
    await settle();
    expect(taken).toEqual(['a']);
    expect(poller.connections).toEqual([{ host: 'imap.shop.example', pass: 'pw' }]);
    await poller.onApplicationShutdown();
  });

  it('polls again every pollSeconds, restarts on a settings change and stops when IMAP is turned off', async () => {
    jest.useFakeTimers();
    const { poller, list, taken } = setup([imapInbox('a')]);
    await poller.reconcile();
    await jest.advanceTimersByTimeAsync(15_000);
    expect(taken).toEqual(['a', 'a']);

    list.current = [
      imapInbox(
        'a',
        { updatedAt: new Date('2026-11-21T00:00:00Z') },
        { enabled: true, host: 'imap2.shop.example' },
      ),
    ];
    await poller.reconcile();
    await jest.advanceTimersByTimeAsync(0);
    expect(poller.connections.at(-1)?.host).toBe('imap2.shop.example');

    list.current = [imapInbox('a', { updatedAt: new Date('2026-11-22T00:00:00Z') }, { enabled: false })];
    await poller.reconcile();
    const before = taken.length;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(taken.length).toBe(before);
  });

  it('does not poll in a process without the worker role, nor after shutdown', async () => {
    jest.useFakeTimers();
    const api = setup([imapInbox('a')], 'api');
    api.poller.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(api.taken).toEqual([]);

    const worker = setup([imapInbox('a')]);
    worker.poller.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(worker.taken).toEqual(['a']);
    await worker.poller.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(worker.taken).toEqual(['a']);
  });
});
