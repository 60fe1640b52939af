import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { jsString, SECRET_PLACEHOLDER, widgetSnippets } from './widget-snippets';

const ORIGIN = 'https://kefu.shop.cn/';
const INBOX = '6f1c1f5e-2d7c-4a8e-9a61-0c3f5a8f1b2e';
const SECRET = 'x9Hq3-Zt_pL0aB7cD2eF4gH6iJ8kL0mN2oP4qR6sT8u';
const USER = { id: 'C10023', name: 'Li Lei' };
const expectedHash = createHmac('sha256', SECRET).update(USER.id).digest('hex');

function run(cmd: string, args: string[], input: string): string {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
  if (r.error) throw new Error(`${cmd} is needed to run this example: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout.trim();
}

describe('widgetSnippets', () => {
  it('gives the one script tag with the inbox id, on this server', () => {
    const s = widgetSnippets(ORIGIN, INBOX, null);
    expect(s.embed).toBe(
      `<script src="https://kefu.shop.cn/widget.js" data-inbox="${INBOX}" async></script>`,
    );
    expect(s.demoUrl).toBe('https://kefu.shop.cn/demo');
    expect(s.page).toContain('window.KefuWidget');
    expect(s.page).toContain(s.embed);
  });

  it('signs the user id in Node exactly as the server checks it: hex HMAC-SHA256(secret, userId)', () => {
    const { node } = widgetSnippets(ORIGIN, INBOX, SECRET);
    const program = `${node}\nconsole.log(JSON.stringify(kefuIdentity(${JSON.stringify(USER)})));`;
    const out = JSON.parse(run(process.execPath, ['--input-type=module', '-'], program));
    expect(out).toEqual({ userId: 'C10023', hash: expectedHash, name: 'Li Lei' });
  });

  it('signs the user id in Python exactly as the server checks it', () => {
    const { python } = widgetSnippets(ORIGIN, INBOX, SECRET);
    const program = `${python}\nimport json\nprint(json.dumps(kefu_identity(${JSON.stringify(USER)})))`;
    const out = JSON.parse(run('python3', ['-'], program));
    expect(out).toEqual({ userId: 'C10023', hash: expectedHash, name: 'Li Lei' });
  });

  it('uses the PHP standard function with the same arguments', () => {
    const { php } = widgetSnippets(ORIGIN, INBOX, SECRET);
    expect(php).toContain("hash_hmac('sha256', $userId, $secret)");
    expect(php).toContain(`'${SECRET}'`);
    expect(php).toContain('JSON_HEX_TAG');
  });

  it('shows a placeholder, not a secret, once the secret is no longer readable', () => {
    const s = widgetSnippets(ORIGIN, INBOX, null);
    for (const code of [s.node, s.php, s.python]) expect(code).toContain(SECRET_PLACEHOLDER);
  });

  it('quotes a secret so no language reads it differently', () => {
    expect(jsString(`a'b\\c`)).toBe(`'a\\'b\\\\c'`);
  });
});
