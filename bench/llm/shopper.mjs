// One shopper on the chat widget for bench/llm: a real socket.io client connected as the widget connects
// (apps/api/src/widget-test-client.ts), asking one question at a time and timing what it sees of the answer
// (docs/widget.md "Server → shopper"): the first `stream` frame, `stream_end`, and the bot's `message`.
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

let seq = 0;

export class Shopper {
  /** The question being answered, with what arrived for it so far. */
  current = null;
  /** Bot messages that arrived while no question was open (a reply that came late, a second part). */
  strays = 0;

  constructor(socket) {
    this.socket = socket;
    socket.on('stream', (f) => this.onStream(f));
    socket.on('stream_end', () => this.current && (this.current.streamEndAt ??= performance.now()));
    socket.on('stream_reset', () => this.current && this.current.resets++);
    socket.on('message', (m) => this.onMessage(m));
  }

  /** Opens a widget socket as a first-time visitor; resolves once the `session` arrived. */
  static open(url, inboxId) {
    return new Promise((resolve, reject) => {
      const socket = io(`${url}/widget`, {
        auth: { inboxId, locale: 'zh-CN' },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: 30_000,
      });
      socket.once('session', () => resolve(new Shopper(socket)));
      socket.once('connect_error', (e) => {
        socket.disconnect();
        reject(new Error(`widget handshake refused: ${e.message}`));
      });
    });
  }

  /**
   * Sends `text` and resolves when the bot's reply `message` arrived (or after `timeoutMs`, with
   * `messageAt` null). Times are performance.now() milliseconds.
   */
  ask(text, timeoutMs) {
    return new Promise((resolve) => {
      const turn = {
        sentAt: performance.now(),
        ackAt: null,
        ackError: null,
        firstFrameAt: null,
        streamEndAt: null,
        messageAt: null,
        frames: 0,
        streamed: '',
        streamId: null,
        resets: 0,
        text: null,
        finalStreamId: null,
        done: null,
      };
      const timer = setTimeout(() => finish(), timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        if (this.current === turn) this.current = null;
        resolve(turn);
      };
      turn.done = finish;
      this.current = turn;
      this.socket
        .timeout(timeoutMs)
        .emitWithAck('message', { clientId: `bench-${process.pid}-${++seq}`, text })
        .then((ack) => {
          turn.ackAt = performance.now();
          if (!ack?.ok) {
            turn.ackError = String(ack?.error ?? 'refused');
            finish();
          }
        })
        .catch((e) => {
          turn.ackError = e.message;
          finish();
        });
    });
  }

  onStream(f) {
    const t = this.current;
    if (!t || typeof f?.delta !== 'string') return;
    t.firstFrameAt ??= performance.now();
    t.streamId ??= f.streamId;
    t.frames++;
    t.streamed += f.delta;
  }

  onMessage(m) {
    if (m?.senderType !== 'bot') return;
    const t = this.current;
    if (!t) return void this.strays++;
    t.messageAt = performance.now();
    t.text = m.text ?? '';
    t.finalStreamId = m.streamId ?? null;
    t.done();
  }

  close() {
    this.socket.disconnect();
  }
}
