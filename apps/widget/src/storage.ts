import type { OutgoingMessage, WidgetAttachment, WidgetSettings } from './protocol';

/** The part of `localStorage` the widget uses. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `localStorage`, or a memory map where it is blocked (private mode, sandboxed frames, full quota). */
export function safeStorage(get: () => KeyValueStore | null | undefined): KeyValueStore {
  const memory = new Map<string, string>();
  const fallback: KeyValueStore = {
    getItem: (k) => memory.get(k) ?? null,
    setItem: (k, v) => void memory.set(k, v),
    removeItem: (k) => void memory.delete(k),
  };
  let real: KeyValueStore | null = null;
  try {
    real = get() ?? null;
    real?.getItem('kefu:probe');
  } catch {
    real = null;
  }
  if (!real) return fallback;
  const store = real;
  return {
    getItem: (k) => {
      try {
        return store.getItem(k) ?? fallback.getItem(k);
      } catch {
        return fallback.getItem(k);
      }
    },
    setItem: (k, v) => {
      try {
        store.setItem(k, v);
      } catch {
        fallback.setItem(k, v);
      }
    },
    removeItem: (k) => {
      try {
        store.removeItem(k);
      } catch {
        /* ignore */
      }
      fallback.removeItem(k);
    },
  };
}

/** A message written but not acknowledged yet, kept across reconnects and page loads. */
export interface OutboxEntry extends OutgoingMessage {
  createdAt: string;
  /** The uploaded images as shown locally (the server only needs their upload ids). */
  previews?: WidgetAttachment[];
}

/** Unsent messages older than this are dropped rather than sent out of context. */
export const OUTBOX_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The widget's state in the browser, per inbox: visitor token, last settings, unsent messages. */
export class WidgetStore {
  constructor(
    private readonly store: KeyValueStore,
    private readonly inboxId: string,
  ) {}

  private key(name: string) {
    return `kefu:${this.inboxId}:${name}`;
  }

  private read<T>(name: string): T | null {
    const raw = this.store.getItem(this.key(name));
    if (!raw) return null;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return null;
    }
  }

  get visitorToken(): string | undefined {
    return this.store.getItem(this.key('visitor')) ?? undefined;
  }

  set visitorToken(token: string | undefined) {
    if (token) this.store.setItem(this.key('visitor'), token);
    else this.store.removeItem(this.key('visitor'));
  }

  /** The settings of the last session, so the launcher has its colour and language before connecting. */
  get settings(): Partial<WidgetSettings> | null {
    return this.read<Partial<WidgetSettings>>('settings');
  }

  set settings(s: Partial<WidgetSettings> | null) {
    if (s) this.store.setItem(this.key('settings'), JSON.stringify(s));
    else this.store.removeItem(this.key('settings'));
  }

  /** Unsent messages, oldest first; stale ones are dropped. */
  outbox(now = Date.now()): OutboxEntry[] {
    const all = this.read<OutboxEntry[]>('outbox');
    if (!Array.isArray(all)) return [];
    return all.filter(
      (e) => e && typeof e.clientId === 'string' && now - Date.parse(e.createdAt) < OUTBOX_MAX_AGE_MS,
    );
  }

  queue(entry: OutboxEntry): void {
    const rest = this.outbox().filter((e) => e.clientId !== entry.clientId);
    this.writeOutbox([...rest, entry]);
  }

  dequeue(clientId: string): void {
    this.writeOutbox(this.outbox().filter((e) => e.clientId !== clientId));
  }

  private writeOutbox(entries: OutboxEntry[]) {
    if (entries.length) this.store.setItem(this.key('outbox'), JSON.stringify(entries));
    else this.store.removeItem(this.key('outbox'));
  }
}
