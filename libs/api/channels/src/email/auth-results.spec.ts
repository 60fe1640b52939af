import { parseAuthResults, verifiedSender } from './auth-results';

describe('Authentication-Results', () => {
  it('parses methods, results and properties, ignoring comments', () => {
    const r = parseAuthResults(
      'mx.shop.example; dkim=pass (2048-bit key) header.d=example.com header.s=s1; spf=softfail smtp.mailfrom="bob@example.com"',
    );
    expect(r.authservId).toBe('mx.shop.example');
    expect(r.results).toEqual([
      { method: 'dkim', result: 'pass', props: { 'header.d': 'example.com', 'header.s': 's1' } },
      { method: 'spf', result: 'softfail', props: { 'smtp.mailfrom': 'bob@example.com' } },
    ]);
  });

  it('verifies the sender when DKIM, SPF or DMARC passed for the From domain', () => {
    expect(verifiedSender(['mx; dkim=pass header.d=example.com'], 'bob@example.com')).toBe('bob@example.com');
    expect(verifiedSender(['mx; dkim=pass header.i=@mail.example.com'], 'Bob@Example.com')).toBe(
      'bob@example.com',
    );
    expect(verifiedSender(['mx; spf=pass smtp.mailfrom=bounce@example.com'], 'bob@example.com')).toBe(
      'bob@example.com',
    );
    expect(verifiedSender(['mx; dmarc=pass header.from=example.com'], 'bob@example.com')).toBe(
      'bob@example.com',
    );
    expect(verifiedSender(['mx; dkim=pass header.d=example.com'], 'bob@eu.example.com')).toBe(
      'bob@eu.example.com',
    );
  });

  it('does not verify a pass for another domain, a failure, or a bare top-level domain', () => {
    expect(verifiedSender(['mx; dkim=pass header.d=mailer.example.net'], 'bob@example.com')).toBeNull();
    expect(
      verifiedSender(
        ['mx; dkim=fail header.d=example.com; spf=softfail smtp.mailfrom=example.com'],
        'bob@example.com',
      ),
    ).toBeNull();
    expect(verifiedSender(['mx; dkim=pass header.d=com'], 'bob@example.com')).toBeNull();
    expect(verifiedSender(['mx; dkim=pass header.d=notexample.com'], 'bob@example.com')).toBeNull();
    expect(verifiedSender([], 'bob@example.com')).toBeNull();
  });

  it('trusts only the topmost header, the one our gateway added', () => {
    const forgedBelow = ['mx.shop.example; dkim=none; spf=none', 'evil; dkim=pass header.d=example.com'];
    expect(verifiedSender(forgedBelow, 'bob@example.com')).toBeNull();
  });
});
