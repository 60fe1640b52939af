import { createHmac } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import type { TestApp } from '@kefu/api/platform/testing';
import { waitFor } from '@kefu/api/platform/testing';

/** Whatever the server sent: the tests assert its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = any;

/** A browser tab running the widget, driven through the real socket.io client (docs/widget.md). */
export interface WidgetTab {
  socket: Socket;
  session: Record<string, Payload>;
  /** Every server event, in arrival order. */
  events: { event: string; payload: Payload }[];
  send(payload: Record<string, unknown>): Promise<Payload>;
  request(event: string, payload: Record<string, unknown>): Promise<Payload>;
  next(event: string, match?: (payload: Payload) => boolean, timeout?: number): Promise<Payload>;
  close(): void;
}

export const signUser = (secret: string, userId: string) => createHmac('sha256', secret).update(userId).digest('hex');

export interface ConnectOptions {
  origin?: string;
  url?: string;
}

/** Connects like the widget; resolves with the `session`, rejects with the `connect_error`. */
export function openTab(t: TestApp | { url: string }, auth: Record<string, unknown>, opts: ConnectOptions = {}): Promise<WidgetTab> {
  const socket = io(`${opts.url ?? t.url}/widget`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(opts.origin ? { extraHeaders: { origin: opts.origin } } : {}),
  });
  const events: WidgetTab['events'] = [];
  socket.onAny((event, payload) => events.push({ event, payload }));
  const tab: Omit<WidgetTab, 'session'> = {
    socket,
    events,
    send: (payload) => socket.timeout(10_000).emitWithAck('message', payload),
    request: (event, payload) => socket.timeout(10_000).emitWithAck(event, payload),
    next: (event, match = () => true, timeout = 15_000) =>
      waitFor(() => events.find((e) => e.event === event && match(e.payload))?.payload, { timeout }),
    close: () => socket.disconnect(),
  };
  return new Promise((resolve, reject) => {
    socket.once('session', (session) => resolve({ ...tab, session }));
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.disconnect();
      reject(Object.assign(new Error(err.message), { data: err.data }));
    });
  });
}

/** The refusal code of a handshake that should fail. */
export async function refusal(t: TestApp, auth: Record<string, unknown>, opts: ConnectOptions = {}): Promise<{ code: string; why: string }> {
  try {
    const tab = await openTab(t, auth, opts);
    tab.close();
    return { code: 'connected', why: '' };
  } catch (e) {
    return { code: (e as Error).message, why: ((e as { data?: { message?: string } }).data?.message as string) ?? '' };
  }
}

let n = 0;
export const clientId = () => `c-${Date.now()}-${++n}`;

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export function upload(t: TestApp, inboxId: string, file: { data: Buffer; name: string; type: string }, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  return fetch(`${t.url}/api/v1/widget/${inboxId}/uploads`, { method: 'POST', headers, body: form });
}
