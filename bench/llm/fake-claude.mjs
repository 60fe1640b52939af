// A stand-in for the Anthropic Messages API (`POST /v1/messages`) for bench/llm, paced like a real model:
// nothing for `ttftMs` (time to first token), then one token every 1000 / `tokensPerS` ms, a token being
// one `pieceChars`-character piece of the `respond` tool's JSON input. The real SDK in the app under test
// reads it through ANTHROPIC_BASE_URL, exactly as it reads Claude.
//
// - A request offering the `respond` tool (a reply, purpose 'reply') is answered with
//   respond({ reply, action: 'continue', reason: null, confidence: 0.9 }), `reply` being `replyChars`
//   Chinese characters. Streamed requests get the API's SSE event order (message_start, ping,
//   content_block_start, input_json_delta pieces, content_block_stop, message_delta, message_stop), one
//   piece per token; a request that is not streamed waits the whole generation time and gets the JSON.
// - A request offering the `classify` tool (the classification fallback) is answered at once with
//   classify({ intent: 'out_of_scope', confidence: 0.1 }): the offline reading stands.
// - Anything else (hand-off summary, suggestions) gets a short text answer at once.
// The SSE and message shapes follow libs/api/llm/src/testing/fake-messages-server.ts (the tests' fake).
import { createServer } from 'node:http';

const BASE_REPLY =
  '亲，您好！我帮您看了一下您说的这件商品。因为您没有说明是哪一笔订单，我暂时还不能确定您指的是哪一件。' +
  '您可以在「我的订单」页面找到以字母开头的订单编号，直接发给我，我马上为您查询物流进度和预计送达时间。' +
  '如果您想退货或者换货，也可以告诉我原因，我会一步一步帮您办理，请您放心。还有其他问题也欢迎随时问我。';

/** `n` Chinese characters of a plausible customer-service reply (no digits: no amount to back with a tool). */
export function replyText(n) {
  let s = '';
  while (Array.from(s).length < n) s += BASE_REPLY;
  return Array.from(s).slice(0, n).join('');
}

const toolNames = (body) => (Array.isArray(body?.tools) ? body.tools.map((t) => t?.name) : []);

function message(n, model, content, outputTokens) {
  return {
    id: `msg_bench_${n}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: {
      input_tokens: 1500,
      output_tokens: outputTokens,
      cache_read_input_tokens: 2400,
      cache_creation_input_tokens: 0,
      service_tier: 'standard',
    },
  };
}

const sse = (event, data) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Starts the fake on 127.0.0.1 (a free port). `counts` tells how many requests of each kind it served;
 * `inFlight` / `maxInFlight` how many reply generations ran at once (the app's concurrency as the model
 * sees it).
 */
export async function startFakeClaude({ ttftMs = 600, tokensPerS = 40, replyChars = 160, pieceChars = 3 } = {}) {
  const reply = replyText(replyChars);
  const input = { reply, action: 'continue', reason: null, confidence: 0.9 };
  const json = JSON.stringify(input);
  const chars = Array.from(json);
  const pieces = [];
  for (let i = 0; i < chars.length; i += pieceChars) pieces.push(chars.slice(i, i + pieceChars).join(''));
  const tokenMs = 1000 / tokensPerS;
  const counts = { reply: 0, replyStreamed: 0, classify: 0, other: 0, rejected: 0 };
  const load = { inFlight: 0, maxInFlight: 0 };
  let n = 0;

  /** Resolves at `at` (performance-independent wall clock), or false if the client went away first. */
  const until = (res, at) =>
    new Promise((resolve) => {
      if (res.destroyed) return resolve(false);
      const onClose = () => (clearTimeout(t), resolve(false));
      const t = setTimeout(() => (res.off('close', onClose), resolve(!res.destroyed)), Math.max(0, at - Date.now()));
      res.once('close', onClose);
    });

  const sendJson = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_bench_${n}` });
    res.end(JSON.stringify(body));
  };

  async function answerReply(res, body) {
    const started = Date.now();
    const id = `toolu_bench_${n}`;
    const msg = message(n, body.model ?? 'claude-bench', [{ type: 'tool_use', id, name: 'respond', input }], pieces.length);
    counts.reply++;
    load.inFlight++;
    load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
    try {
      if (body.stream !== true) {
        // The whole message, when its last token would have been streamed.
        if (await until(res, started + ttftMs + (pieces.length - 1) * tokenMs)) sendJson(res, 200, msg);
        return;
      }
      counts.replyStreamed++;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_bench_${n}` });
      res.flushHeaders();
      if (!(await until(res, started + ttftMs))) return;
      const startUsage = { ...msg.usage, output_tokens: 1 };
      res.write(sse('message_start', { type: 'message_start', message: { ...msg, content: [], stop_reason: null, usage: startUsage } }));
      res.write(sse('ping', { type: 'ping' }));
      res.write(sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id, name: 'respond', input: {} } }));
      for (const [i, piece] of pieces.entries()) {
        if (i > 0 && !(await until(res, started + ttftMs + i * tokenMs))) return;
        res.write(sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: piece } }));
      }
      res.write(sse('content_block_stop', { type: 'content_block_stop', index: 0 }));
      res.write(
        sse('message_delta', {
          type: 'message_delta',
          delta: { stop_reason: 'tool_use', stop_sequence: null },
          usage: { output_tokens: pieces.length, input_tokens: msg.usage.input_tokens, cache_read_input_tokens: msg.usage.cache_read_input_tokens, cache_creation_input_tokens: 0 },
        }),
      );
      res.write(sse('message_stop', { type: 'message_stop' }));
      res.end();
    } finally {
      load.inFlight--;
    }
  }

  /** Short answers (classification, anything else): at once, JSON or a compact SSE stream as asked. */
  function answerNow(res, body, content) {
    const msg = message(n, body.model ?? 'claude-bench', content, 12);
    if (body.stream !== true) return sendJson(res, 200, msg);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_bench_${n}` });
    res.write(sse('message_start', { type: 'message_start', message: { ...msg, content: [], stop_reason: null } }));
    content.forEach((block, index) => {
      const start = block.type === 'text' ? { ...block, text: '' } : { ...block, input: {} };
      res.write(sse('content_block_start', { type: 'content_block_start', index, content_block: start }));
      const delta = block.type === 'text' ? { type: 'text_delta', text: block.text } : { type: 'input_json_delta', partial_json: JSON.stringify(block.input) };
      res.write(sse('content_block_delta', { type: 'content_block_delta', index, delta }));
      res.write(sse('content_block_stop', { type: 'content_block_stop', index }));
    });
    res.write(sse('message_delta', { type: 'message_delta', delta: { stop_reason: msg.stop_reason, stop_sequence: null }, usage: { output_tokens: 12 } }));
    res.write(sse('message_stop', { type: 'message_stop' }));
    res.end();
  }

  function handle(req, res, raw) {
    n++;
    let body = null;
    try {
      body = JSON.parse(raw);
    } catch {
      body = null;
    }
    const path = (req.url ?? '').split('?')[0];
    const keyed = /^Bearer \S+/.test(String(req.headers.authorization ?? '')) || !!req.headers['x-api-key'];
    if (req.method !== 'POST' || path !== '/v1/messages' || !keyed || !body || typeof body !== 'object') {
      counts.rejected++;
      return sendJson(res, keyed ? 404 : 401, { type: 'error', error: { type: keyed ? 'not_found_error' : 'authentication_error', message: 'bench fake: unexpected request' } });
    }
    const tools = toolNames(body);
    if (tools.includes('respond')) return void answerReply(res, body).catch(() => res.destroy());
    if (tools.includes('classify')) {
      counts.classify++;
      return answerNow(res, body, [{ type: 'tool_use', id: `toolu_bench_${n}`, name: 'classify', input: { intent: 'out_of_scope', confidence: 0.1 } }]);
    }
    counts.other++;
    return answerNow(res, body, [{ type: 'text', text: 'ok' }]);
  }

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    reply,
    /** Tokens of one reply (pieces of the respond JSON), and the time a non-streamed reply takes. */
    tokens: pieces.length,
    generationMs: ttftMs + (pieces.length - 1) * tokenMs,
    counts,
    load,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
