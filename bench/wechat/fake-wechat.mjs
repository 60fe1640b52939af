// A stand-in for WeChat's server API on 127.0.0.1: stable_token, customer-service messages and user
// info, answered at once. It counts what it is asked, so the bench can check that every reply reached
// the shopper exactly once (passive replies plus customer-service messages).

import { createServer } from 'node:http';

export async function startFakeWechat() {
  const stats = { tokenCalls: 0, sends: 0, userInfo: 0, other: 0, sentTexts: [] };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      let body;
      if (url.pathname === '/cgi-bin/stable_token') {
        stats.tokenCalls++;
        body = { access_token: `bench-token-${stats.tokenCalls}`, expires_in: 7200 };
      } else if (url.pathname === '/cgi-bin/message/custom/send') {
        stats.sends++;
        try {
          const msg = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          stats.sentTexts.push({ to: msg.touser, text: msg.text?.content ?? '' });
        } catch {
          // counted; the body is the API's business
        }
        body = { errcode: 0, errmsg: 'ok' };
      } else if (url.pathname === '/cgi-bin/user/info') {
        stats.userInfo++;
        body = { subscribe: 1, openid: url.searchParams.get('openid') };
      } else {
        stats.other++;
        body = { errcode: 404, errmsg: 'not in the fake' };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    reset() {
      stats.tokenCalls = stats.sends = stats.userInfo = stats.other = 0;
      stats.sentTexts.length = 0;
    },
    stop: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
