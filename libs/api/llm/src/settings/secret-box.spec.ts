import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@kefu/api/platform/config';
import { masterSecret, SECRET_FILE, SecretBox, SecretBoxError } from './secret-box';

const SECRET = 'a-master-secret-of-at-least-32-characters';
const KEY = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz-1234';

describe('SecretBox', () => {
  it('seals a key into v1:<iv>:<tag>:<ciphertext> that opens to the key again', () => {
    const box = new SecretBox(SECRET);
    const sealed = box.seal(KEY);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain(KEY);
    expect(sealed).not.toContain('abcdefghij');
    expect(box.open(sealed)).toBe(KEY);
  });

  it('never seals the same key to the same text twice (fresh IV)', () => {
    const box = new SecretBox(SECRET);
    expect(box.seal(KEY)).not.toBe(box.seal(KEY));
  });

  it('refuses to open a value sealed under another secret, or altered, or malformed', () => {
    const sealed = new SecretBox(SECRET).seal(KEY);
    expect(() => new SecretBox(`${SECRET}-changed`).open(sealed)).toThrow(SecretBoxError);
    const [v, iv, tag, ct] = sealed.split(':');
    const flipped = Buffer.from(ct, 'base64');
    flipped[0] ^= 1;
    expect(() => new SecretBox(SECRET).open([v, iv, tag, flipped.toString('base64')].join(':'))).toThrow(
      SecretBoxError,
    );
    expect(() => new SecretBox(SECRET).open('plain-key')).toThrow(SecretBoxError);
    expect(() => new SecretBox(SECRET).open('v2:a:b:c')).toThrow(SecretBoxError);
  });

  it('refuses a master secret shorter than 32 bytes', () => {
    expect(() => new SecretBox('short')).toThrow(/32/);
  });
});

describe('masterSecret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kefu-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses KEFU_SECRET_KEY when set, in either mode', () => {
    expect(masterSecret(parseConfig({ KEFU_SECRET_KEY: SECRET, DATA_DIR: dir }))).toBe(SECRET);
    expect(masterSecret(parseConfig({ KEFU_SECRET_KEY: SECRET, DATABASE_URL: 'postgres://u@h/db' }))).toBe(
      SECRET,
    );
  });

  it('has none in server mode without KEFU_SECRET_KEY', () => {
    expect(masterSecret(parseConfig({ DATABASE_URL: 'postgres://u@h/db' }))).toBeNull();
  });

  it('generates one secret file (0600) in embedded mode and reads it back on the next boot', () => {
    const data = join(dir, 'nested');
    const first = masterSecret(parseConfig({ DATA_DIR: data })) as Buffer;
    expect(first.length).toBe(32);
    const file = join(data, SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = masterSecret(parseConfig({ DATA_DIR: data })) as Buffer;
    expect(again.equals(first)).toBe(true);
    const sealed = new SecretBox(first).seal(KEY);
    expect(new SecretBox(again).open(sealed)).toBe(KEY);
    expect(readFileSync(file, 'utf8')).not.toContain(KEY);
  });

  it('refuses a truncated secret file instead of silently replacing it', () => {
    writeFileSync(join(dir, SECRET_FILE), Buffer.from('tiny').toString('base64'));
    expect(() => masterSecret(parseConfig({ DATA_DIR: dir }))).toThrow(/fewer than 32 bytes/);
  });
});
