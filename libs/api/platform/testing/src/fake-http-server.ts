import { createServer, IncomingMessage, Server } from 'node:http';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type FakeResponder = (req: RecordedRequest, index: number) => { status: number; body?: unknown; delayMs?: number };

/**
 * A local HTTP server on 127.0.0.1 standing in for a system Kefu calls out to (a webhook
 * receiver, an order system, ...). It records every request and answers as told.
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;
  constructor(private responder: FakeResponder = () => ({ status: 200, body: { ok: true } })) {}

  respondWith(responder: FakeResponder) {
    this.responder = responder;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rec: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        const index = this.requests.push(rec) - 1;
        const out = this.responder(rec, index);
        setTimeout(() => {
          res.writeHead(out.status, { 'content-type': 'application/json' });
          res.end(out.body === undefined ? '' : JSON.stringify(out.body));
        }, out.delayMs ?? 0);
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}
