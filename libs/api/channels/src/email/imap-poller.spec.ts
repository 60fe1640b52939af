import { ImapClient, pollMailbox, REJECTED_KEYWORD } from './imap-poller';
import { MimeError } from './mime-message';

/** The slice of ImapFlow the poller uses, over an in-memory mailbox. */
class FakeImap implements ImapClient {
  readonly log: string[] = [];
  connected = false;
  locked = false;
  rejectKeywords = false;
  constructor(readonly mails: Map<number, { source: Buffer; flags: Set<string> }>) {}
  async connect() {
    this.connected = true;
  }
  async getMailboxLock(path: string) {
    this.log.push(`lock ${path}`);
    this.locked = true;
    return { release: () => (this.locked = false) };
  }
  async search(query: { seen: boolean }) {
    return [...this.mails]
      .filter(([, m]) => m.flags.has('\\Seen') !== !query.seen)
      .map(([uid]) => uid)
      .reverse();
  }
  async fetchOne(range: string, query: { source?: true }) {
    const m = this.mails.get(Number(range));
    if (!m) return false as const;
    if (query.source) this.log.push(`fetch ${range}`);
    return { uid: Number(range), size: m.source.length, ...(query.source ? { source: m.source } : {}) };
  }
  async messageFlagsAdd(range: string, flags: string[]) {
    if (this.rejectKeywords && flags.some((f) => !f.startsWith('\\')))
      throw new Error('NO [CANNOT] keywords not allowed');
    for (const f of flags) this.mails.get(Number(range))?.flags.add(f);
    this.log.push(`flag ${range} ${flags.join(' ')}`);
    return true;
  }
  async logout() {
    this.connected = false;
  }
  close() {
    this.connected = false;
  }
}

const box = (...sources: string[]) =>
  new Map(sources.map((s, i) => [i + 1, { source: Buffer.from(s), flags: new Set<string>() }]));
const options = (take: (raw: Buffer) => Promise<unknown>, warnings: string[] = []) => ({
  mailbox: 'INBOX',
  maxBytes: 1000,
  batch: 50,
  take,
  warn: (m: string) => warnings.push(m),
});

describe('IMAP polling', () => {
  it('ingests every unseen mail oldest first and flags each \\Seen only after it was taken', async () => {
    const imap = new FakeImap(box('mail-1', 'mail-2'));
    imap.mails.set(3, { source: Buffer.from('already read'), flags: new Set(['\\Seen']) });
    const taken: string[] = [];
    const result = await pollMailbox(
      imap,
      options(async (raw) => {
        // At the moment of ingest the mail is not yet acknowledged.
        expect(imap.mails.get(taken.length + 1)?.flags.has('\\Seen')).toBe(false);
        taken.push(raw.toString());
      }),
    );
    expect(taken).toEqual(['mail-1', 'mail-2']);
    expect(result).toEqual({ taken: 2, rejected: 0, deferred: 0 });
    expect(imap.log).toEqual(['lock INBOX', 'fetch 1', 'flag 1 \\Seen', 'fetch 2', 'flag 2 \\Seen']);
    expect(imap.locked).toBe(false);
    expect(imap.connected).toBe(false);
  });

  it('leaves a mail unseen when ingest fails for a passing reason, and stops the poll there', async () => {
    const imap = new FakeImap(box('a', 'b', 'c'));
    const warnings: string[] = [];
    let calls = 0;
    const result = await pollMailbox(
      imap,
      options(async () => {
        if (++calls === 2) throw new Error('database unavailable');
      }, warnings),
    );
    expect(result).toEqual({ taken: 1, rejected: 0, deferred: 2 });
    expect([...imap.mails.values()].map((m) => m.flags.has('\\Seen'))).toEqual([true, false, false]);
    expect(warnings[0]).toMatch(/uid 2: database unavailable; left unseen/);

    // The next poll picks up where this one stopped.
    const again = await pollMailbox(
      imap,
      options(async () => undefined),
    );
    expect(again.taken).toBe(2);
  });

  it('flags a mail that can never be taken as \\Seen and $KefuRejected, and goes on with the next', async () => {
    const imap = new FakeImap(box('not mime', 'good'));
    const taken: string[] = [];
    const result = await pollMailbox(
      imap,
      options(async (raw) => {
        if (raw.toString() === 'not mime') throw new MimeError('the body is not a MIME message');
        taken.push(raw.toString());
      }),
    );
    expect(result).toEqual({ taken: 1, rejected: 1, deferred: 0 });
    expect([...(imap.mails.get(1)?.flags ?? [])]).toEqual(['\\Seen', REJECTED_KEYWORD]);
    expect(taken).toEqual(['good']);
  });

  it('does not download a mail over the size limit, and copes with servers without keywords', async () => {
    const imap = new FakeImap(box('x'.repeat(2000)));
    imap.rejectKeywords = true;
    const take = jest.fn();
    const result = await pollMailbox(imap, options(take));
    expect(take).not.toHaveBeenCalled();
    expect(imap.log).not.toContain('fetch 1');
    expect(result.rejected).toBe(1);
    expect([...(imap.mails.get(1)?.flags ?? [])]).toEqual(['\\Seen']);
  });

  it('takes at most a batch per poll', async () => {
    const imap = new FakeImap(box('1', '2', '3'));
    const result = await pollMailbox(imap, { ...options(async () => undefined), batch: 2 });
    expect(result).toEqual({ taken: 2, rejected: 0, deferred: 1 });
  });

  it('releases the mailbox and logs out when the search fails', async () => {
    const imap = new FakeImap(box('1'));
    imap.search = async () => {
      throw new Error('connection reset');
    };
    await expect(
      pollMailbox(
        imap,
        options(async () => undefined),
      ),
    ).rejects.toThrow('connection reset');
    expect(imap.locked).toBe(false);
    expect(imap.connected).toBe(false);
  });
});
