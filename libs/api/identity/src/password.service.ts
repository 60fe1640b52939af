import { Injectable } from '@nestjs/common';
import { type Algorithm, hash, type Options, parseOptions, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/**
 * `Algorithm` is a `const enum` whose runtime object is empty, and SWC (tests) compiles file by
 * file, so it cannot inline `Algorithm.Argon2id`; spell the value out once, type-checked here.
 */
const ARGON2ID: Algorithm.Argon2id = 2;

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const satisfies Options;

/** Hashes and verifies staff passwords with argon2id. */
@Injectable()
export class PasswordService {
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  /** False for a wrong password and for a hash that is not a valid argon2 string. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the time a real verification takes and returns false: used when the email is unknown,
   * so that an unknown email and a wrong password cannot be told apart by the response time.
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.dummy, password);
    return false;
  }

  /** True when a stored hash was made with weaker or different parameters than today's. */
  needsRehash(passwordHash: string): boolean {
    try {
      const o = parseOptions(passwordHash);
      return (
        o.algorithm !== ARGON2_OPTIONS.algorithm ||
        o.memoryCost !== ARGON2_OPTIONS.memoryCost ||
        o.timeCost !== ARGON2_OPTIONS.timeCost ||
        o.parallelism !== ARGON2_OPTIONS.parallelism
      );
    } catch {
      return true;
    }
  }
}
