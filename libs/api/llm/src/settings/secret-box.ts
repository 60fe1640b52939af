import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@kefu/api/platform/config';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Separates this key from any other key a future feature derives from the same master secret. */
const HKDF_INFO = 'kefu/llm-api-key/v1';
const HKDF_SALT = 'kefu-secret-box';

/** A sealed value that cannot be opened: another master secret sealed it, or it was altered. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * Encrypts small secrets (API keys) at rest with AES-256-GCM, under a key derived (HKDF-SHA256) from the
 * server's master secret. Sealed form: `v1:<iv>:<tag>:<ciphertext>`, each part base64. GCM authenticates,
 * so a value sealed under another secret fails to open instead of decrypting to garbage.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(masterSecret: string | Buffer) {
    if (masterSecret.length < 32) throw new Error('the master secret must be at least 32 bytes');
    this.key = Buffer.from(hkdfSync('sha256', masterSecret, HKDF_SALT, HKDF_INFO, 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
  }

  /** The plain text; throws `SecretBoxError` when the value is malformed or was sealed under another secret. */
  open(sealed: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError('not a sealed value');
    const [, iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('not a sealed value');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(
        'cannot open the sealed value: the master secret changed, or the value was altered',
      );
    }
  }
}

/** Name of the generated master secret in DATA_DIR (embedded mode). */
export const SECRET_FILE = 'secret.key';

/**
 * The master secret, or null when keys cannot be stored: KEFU_SECRET_KEY when set; in embedded mode
 * without it, 32 random bytes generated once into `DATA_DIR/secret.key` (mode 0600) and read back after.
 * Server mode without it has none: several processes on several hosts must share one secret, and only the
 * operator can hand it to them.
 */
export function masterSecret(config: AppConfig): string | Buffer | null {
  if (config.KEFU_SECRET_KEY) return config.KEFU_SECRET_KEY;
  if (config.database.kind !== 'pglite') return null;
  return embeddedSecret(config.database.dataDir);
}

function embeddedSecret(dataDir: string): Buffer {
  const file = join(dataDir, SECRET_FILE);
  const read = () => Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  try {
    const existing = read();
    if (existing.length >= 32) return existing;
    throw new Error(
      `${file} holds fewer than 32 bytes; delete it to generate a new one (saved API keys are then lost)`,
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': never overwrite a secret another process wrote a moment ago.
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return read();
}
