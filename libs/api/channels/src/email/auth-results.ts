/**
 * Reads the Authentication-Results header (RFC 8601) that the enterprise's mail gateway adds after
 * checking DKIM, SPF and DMARC. Only the topmost header counts: it is the one the last hop, our
 * gateway, prepended. A header further down may have been written by the sender and proves nothing.
 * The gateway is trusted to add that header (and to remove ones claiming its name) — see docs/email.md.
 */

export interface AuthResult {
  method: string;
  result: string;
  props: Record<string, string>;
}

/** The method results of one header value: `mx.shop.com; dkim=pass header.d=example.com; spf=fail …`. */
export function parseAuthResults(value: string): { authservId: string; results: AuthResult[] } {
  const clean = stripComments(value);
  const [authserv = '', ...resinfos] = clean.split(';');
  const results: AuthResult[] = [];
  for (const info of resinfos) {
    const m = /^\s*([a-z][a-z0-9-]*)\s*=\s*([a-z]+)/i.exec(info);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const p of info
      .slice(m[0].length)
      .matchAll(/([a-z][a-z0-9-]*\.[a-z][a-z0-9-]*)\s*=\s*("([^"]*)"|[^\s;]+)/gi)) {
      props[p[1].toLowerCase()] = (p[3] ?? p[2]).trim();
    }
    results.push({ method: m[1].toLowerCase(), result: m[2].toLowerCase(), props });
  }
  return { authservId: authserv.trim().split(/\s+/)[0] ?? '', results };
}

function stripComments(s: string): string {
  let out = '';
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

const domainOf = (v: string) =>
  v
    .slice(v.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');

/** DMARC's relaxed alignment, without the public suffix list: the same domain or one inside the other (never a bare TLD). */
function aligned(fromDomain: string, other: string | undefined): boolean {
  if (!other) return false;
  const d = domainOf(other);
  if (!d.includes('.')) return false;
  return d === fromDomain || fromDomain.endsWith(`.${d}`) || d.endsWith(`.${fromDomain}`);
}

/**
 * The From address when the gateway's topmost Authentication-Results says DMARC, DKIM or SPF passed
 * for its domain; otherwise null. `headers` are the Authentication-Results values, top first.
 */
export function verifiedSender(headers: string[], from: string): string | null {
  const top = headers[0];
  if (!top || !from.includes('@')) return null;
  const fromDomain = domainOf(from);
  const ok = parseAuthResults(top).results.some(
    (r) =>
      r.result === 'pass' &&
      ((r.method === 'dmarc' && aligned(fromDomain, r.props['header.from'])) ||
        (r.method === 'dkim' &&
          (aligned(fromDomain, r.props['header.d']) || aligned(fromDomain, r.props['header.i']))) ||
        (r.method === 'spf' && aligned(fromDomain, r.props['smtp.mailfrom']))),
  );
  return ok ? from.toLowerCase() : null;
}
