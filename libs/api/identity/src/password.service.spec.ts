import { PasswordService } from './password.service';

describe('PasswordService', () => {
  const passwords = new PasswordService();

  it('stores passwords as argon2id with the OWASP parameters, never in clear', async () => {
    const hash = await passwords.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain('correct horse');
    expect(passwords.needsRehash(hash)).toBe(false);
  });

  it('accepts the right password and rejects a wrong one', async () => {
    const hash = await passwords.hash('correct horse battery staple');
    await expect(passwords.verify(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(passwords.verify(hash, 'Correct horse battery staple')).resolves.toBe(false);
    await expect(passwords.verify(hash, '')).resolves.toBe(false);
  });

  it('salts every hash, so two users with the same password get different hashes', async () => {
    const [a, b] = await Promise.all([passwords.hash('same password'), passwords.hash('same password')]);
    expect(a).not.toBe(b);
  });

  it('rejects any password against a damaged stored hash instead of throwing', async () => {
    await expect(passwords.verify('not-a-hash', 'anything')).resolves.toBe(false);
    expect(passwords.needsRehash('not-a-hash')).toBe(true);
  });

  it('spends a real verification on unknown accounts and never succeeds', async () => {
    await expect(passwords.verifyDummy('whatever')).resolves.toBe(false);
  });
});
