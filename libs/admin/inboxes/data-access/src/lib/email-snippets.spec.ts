import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emailInboundSnippets, shellString } from './email-snippets';

const SECRET = 'Zt_pL0aB7cD2eF4gH6iJ8kL0mN2oP4qR6sT8ux9Hq3-';
const RAW = [
  'From: Li Lei <li@example.com>',
  'To: help@shop.cn',
  'Subject: =?UTF-8?B?6K6i5Y2V?=',
  "Message-ID: <it's-1@example.com>",
  '',
  '我的订单什么时候到? $HOME `date` \\n',
  '.',
  '',
].join('\r\n');

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A local stand-in for Kefu's inbound endpoint that records what it gets and answers `status`. */
async function fakeKefu(status: number): Promise<{ origin: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

/** Runs the generated script the way Postfix does: the message on stdin; resolves with the exit code. */
function pipe(script: string, mail: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-mail-'));
  const file = join(dir, 'kefu-mail');
  writeFileSync(file, script, { mode: 0o755 });
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [file], { stdio: ['pipe', 'ignore', 'pipe'] });
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(dir, { recursive: true, force: true });
      resolve(code ?? -1);
    });
    child.stdin.end(mail);
  });
}

describe('emailInboundSnippets', () => {
  it('names the inbound URL of the inbox and the support address in the Postfix map', () => {
    const s = emailInboundSnippets('https://kefu.shop.cn/', 'inbox-1', null, 'help@shop.cn');
    expect(s.inboundUrl).toBe('https://kefu.shop.cn/api/v1/channels/email/inbox-1/inbound');
    expect(s.postfix).toMatch(/^help@shop\.cn\s+kefu:$/m);
    expect(s.script).toContain("KEFU_SECRET='<inbox secret>'");
  });

  it('posts the raw message byte for byte, signed sha256=HMAC-SHA256(secret, "<ts>.<raw>")', async () => {
    const kefu = await fakeKefu(202);
    try {
      const s = emailInboundSnippets(kefu.origin, 'inbox-1', SECRET, 'help@shop.cn');
      expect(await pipe(s.script, RAW)).toBe(0);
      expect(kefu.received).toHaveLength(1);
      const [r] = kefu.received;
      expect(r.url).toBe('/api/v1/channels/email/inbox-1/inbound');
      expect(r.headers['content-type']).toBe('message/rfc822');
      expect(r.body.toString('utf8')).toBe(RAW);
      const ts = String(r.headers['x-kefu-timestamp']);
      expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(120);
      const expected = createHmac('sha256', SECRET).update(`${ts}.`).update(r.body).digest('hex');
      expect(r.headers['x-kefu-signature']).toBe(`sha256=${expected}`);
    } finally {
      kefu.server.close();
    }
  });

  it('asks Postfix to retry (75) when Kefu is down or busy, and bounces (69) what Kefu refuses', async () => {
    const busy = await fakeKefu(503);
    const refused = await fakeKefu(413);
    try {
      expect(await pipe(emailInboundSnippets(busy.origin, 'i', SECRET, '').script, RAW)).toBe(75);
      expect(await pipe(emailInboundSnippets(refused.origin, 'i', SECRET, '').script, RAW)).toBe(69);
    } finally {
      busy.server.close();
      refused.server.close();
    }
    // Nothing listens on this port any more.
    expect(await pipe(emailInboundSnippets(busy.origin, 'i', SECRET, '').script, RAW)).toBe(75);
  });

  it('quotes shell words safely', () => {
    expect(shellString(`it's`)).toBe(`'it'\\''s'`);
  });
});
