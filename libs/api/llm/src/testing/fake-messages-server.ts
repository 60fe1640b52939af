import { randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Anthropic Messages API (`POST /v1/messages`) on 127.0.0.1, driven by the real
 * `@anthropic-ai/sdk` through its `baseURL`. Tests script the answers in order and read back exactly what
 * left the building (`requests`: headers and parsed JSON body).
 *
 * - JSON or SSE: a scripted response streams when `stream` says so, else when the request asked for it.
 *   SSE follows the API's event order: message_start, ping, content_block_start/delta/stop, message_delta,
 *   message_stop (text split into word deltas, tool input into `input_json_delta` pieces).
 * - Errors: any `status` ≥ 400 answers the API's error body (`overloaded_error` for 529, `rate_limit_error`
 *   with `retry-after` for 429, ...). `streamErrorAfter` sends an SSE `error` event mid-stream instead.
 * - `delayMs` holds the response back (timeouts); `chunkDelayMs` spaces the SSE events.
 * - The key is accepted as `Authorization: Bearer …` or `x-api-key`; neither → 401.
 * - Unscripted requests get a 500 `api_error` saying so, so a test that under-scripts fails loudly.
 */

export type FakeContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id?: string; name: string; input: Record<string, unknown> };

export interface FakeUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

export interface FakeMessage {
  id?: string;
  model?: string;
  content?: FakeContentBlock[];
  stop_reason?: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';
  usage?: FakeUsage;
}

export interface FakeResponse {
  /** HTTP status; default 200. ≥ 400 answers an API error body. */
  status?: number;
  /** Milliseconds before anything is written (use with a short client timeout). */
  delayMs?: number;
  /** The message to answer (defaults fill the rest: one text block "ok", usage 10 in / 5 out). */
  message?: FakeMessage;
  /** Force SSE (true) or JSON (false); default: whatever the request's `stream` asked for. */
  stream?: boolean;
  /** Milliseconds between SSE events. */
  chunkDelayMs?: number;
  /** Send an SSE `error` event (overloaded_error) after this many events and end the stream. */
  streamErrorAfter?: number;
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
  /** Error body override for status ≥ 400. */
  error?: { type: string; message: string };
}

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (null when it was not JSON). */
  body: Record<string, unknown> | null;
  raw: string;
}

export interface FakeMessagesServer {
  /** Base URL for the SDK: `new Anthropic({ baseURL: server.url, ... })`. */
  url: string;
  requests: FakeRequest[];
  /** Append responses to the queue; each request to /v1/messages takes the next one. */
  script(responses: FakeResponse[]): void;
  /** Responses scripted but not served yet. */
  pending(): number;
  /**
   * Answers requests when the script is empty (null: the 500 "no scripted response left" again). For long
   * runs such as the conversation stories, where the answer depends on the request (classify or reply).
   */
  respondWith(responder: ((request: FakeRequest) => FakeResponse) | null): void;
  /** Forget requests and unserved responses. */
  reset(): void;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const ERROR_MESSAGES: Record<string, string> = {
  overloaded_error: 'Overloaded',
  rate_limit_error: 'Rate limited',
};

export async function startFakeMessagesServer(): Promise<FakeMessagesServer> {
  const requests: FakeRequest[] = [];
  const queue: FakeResponse[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let served = 0;
  let responder: ((request: FakeRequest) => FakeResponse) | null = null;

  const wait = (ms: number, res: ServerResponse) =>
    new Promise<boolean>((resolve) => {
      if (ms <= 0) return resolve(!res.destroyed);
      const onClose = () => {
        clearTimeout(t);
        timers.delete(t);
        resolve(false);
      };
      const t = setTimeout(() => {
        timers.delete(t);
        res.off('close', onClose);
        resolve(!res.destroyed);
      }, ms);
      timers.add(t);
      res.once('close', onClose);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const path = (req.url ?? '').split('?')[0];
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
    requests.push({ method: req.method ?? '', path, headers: req.headers, body, raw });

    if (req.method !== 'POST' || path !== '/v1/messages')
      return sendError(res, 404, { type: 'not_found_error', message: `Not found: ${path}` });
    const bearer = /^Bearer \S+/.test(String(req.headers.authorization ?? ''));
    if (!bearer && !req.headers['x-api-key'])
      return sendError(res, 401, { type: 'authentication_error', message: 'missing API key' });
    if (!body)
      return sendError(res, 400, { type: 'invalid_request_error', message: 'body is not a JSON object' });

    const next = queue.shift() ?? responder?.(requests[requests.length - 1]);
    if (!next)
      return sendError(res, 500, {
        type: 'api_error',
        message: 'fake messages server: no scripted response left',
      });
    served += 1;
    if (!(await wait(next.delayMs ?? 0, res))) return;

    const status = next.status ?? 200;
    if (status >= 400) {
      const type = next.error?.type ?? ERROR_TYPES[status] ?? 'api_error';
      const headers = { ...(status === 429 ? { 'retry-after': '0' } : {}), ...next.headers };
      return sendError(
        res,
        status,
        { type, message: next.error?.message ?? ERROR_MESSAGES[type] ?? 'error' },
        headers,
      );
    }
    const message = buildMessage(
      next.message ?? {},
      typeof body.model === 'string' ? body.model : 'claude-fake',
      served,
    );
    const stream = next.stream ?? body.stream === true;
    if (!stream) {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_fake_${served}`,
        ...next.headers,
      });
      res.end(JSON.stringify(message));
      return;
    }
    res.writeHead(status, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'request-id': `req_fake_${served}`,
      ...next.headers,
    });
    let sent = 0;
    for (const [event, data] of sseEvents(message)) {
      if (next.streamErrorAfter !== undefined && sent >= next.streamErrorAfter) {
        res.write(
          sse('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
        );
        break;
      }
      if (sent > 0 && !(await wait(next.chunkDelayMs ?? 0, res))) return;
      res.write(sse(event, data));
      sent += 1;
    }
    res.end();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (responses) => void queue.push(...responses),
    pending: () => queue.length,
    respondWith: (fn) => {
      responder = fn;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendError(
  res: ServerResponse,
  status: number,
  error: { type: string; message: string },
  headers: Record<string, string> = {},
) {
  const requestId = `req_fake_err_${randomUUID().slice(0, 8)}`;
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, ...headers });
  res.end(JSON.stringify({ type: 'error', error, request_id: requestId }));
}

type ApiBlock =
  | { type: 'text'; text: string; citations: null }
  | {
      type: 'tool_use';
      id: string;
      name: string;
      input: Record<string, unknown>;
      caller: { type: 'direct' };
    };

interface ApiMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ApiBlock[];
  stop_reason: string;
  stop_sequence: null;
  stop_details: null;
  container: null;
  diagnostics: null;
  usage: Record<string, unknown> & { input_tokens: number; output_tokens: number };
}

function buildMessage(m: FakeMessage, model: string, n: number): ApiMessage {
  const blocks = m.content ?? [{ type: 'text', text: 'ok' }];
  const content: ApiBlock[] = blocks.map((b, i) =>
    b.type === 'text'
      ? { type: 'text', text: b.text, citations: null }
      : {
          type: 'tool_use',
          id: b.id ?? `toolu_fake_${n}_${i}`,
          name: b.name,
          input: b.input,
          caller: { type: 'direct' },
        },
  );
  const u = m.usage ?? {};
  return {
    id: m.id ?? `msg_fake_${n}`,
    type: 'message',
    role: 'assistant',
    model: m.model ?? model,
    content,
    stop_reason: m.stop_reason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: {
      input_tokens: u.input_tokens ?? 10,
      output_tokens: u.output_tokens ?? 5,
      cache_read_input_tokens: u.cache_read_input_tokens ?? 0,
      cache_creation_input_tokens: u.cache_creation_input_tokens ?? 0,
      cache_creation: null,
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: 'standard',
      speed: null,
    },
  };
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The Messages API streaming event sequence for a complete message. */
function sseEvents(m: ApiMessage): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  out.push([
    'message_start',
    {
      type: 'message_start',
      message: { ...m, content: [], stop_reason: null, usage: { ...m.usage, output_tokens: 1 } },
    },
  ]);
  out.push(['ping', { type: 'ping' }]);
  m.content.forEach((block, index) => {
    if (block.type === 'text') {
      out.push([
        'content_block_start',
        { type: 'content_block_start', index, content_block: { ...block, text: '' } },
      ]);
      for (const piece of block.text.match(/\s*\S+\s*/g) ?? [block.text]) {
        out.push([
          'content_block_delta',
          { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } },
        ]);
      }
    } else {
      out.push([
        'content_block_start',
        { type: 'content_block_start', index, content_block: { ...block, input: {} } },
      ]);
      const json = JSON.stringify(block.input);
      // Small pieces, as the API sends them: a partial parse sees a string value grow.
      const pieces: string[] = [];
      for (let at = 0; at < json.length; at += 10) pieces.push(json.slice(at, at + 10));
      for (const piece of pieces) {
        out.push([
          'content_block_delta',
          { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } },
        ]);
      }
    }
    out.push(['content_block_stop', { type: 'content_block_stop', index }]);
  });
  const { input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens } = m.usage;
  out.push([
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: m.stop_reason, stop_sequence: null, stop_details: null, container: null },
      usage: {
        input_tokens,
        output_tokens,
        cache_read_input_tokens,
        cache_creation_input_tokens,
        server_tool_use: null,
        output_tokens_details: null,
      },
    },
  ]);
  out.push(['message_stop', { type: 'message_stop' }]);
  return out;
}
