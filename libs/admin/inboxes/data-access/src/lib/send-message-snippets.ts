import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@kefu/shared/contracts';

export interface SendMessageSnippets {
  endpoint: string;
  curl: string;
  node: string;
}

/**
 * Ready-to-run examples of pushing a shopper's message into an API inbox, signed as the API expects:
 * `X-Kefu-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`.
 * When the secret is not given (read-only users), a placeholder stands in for it.
 */
export function sendMessageSnippets(
  origin: string,
  inboxId: string,
  secret: string | null,
): SendMessageSnippets {
  const endpoint = `${origin}/api/v1/inboxes/${inboxId}/messages`;
  const secretText = secret ?? '<inbox secret>';
  const ts = headerName(TIMESTAMP_HEADER);
  const sig = headerName(SIGNATURE_HEADER);
  const user = 'shopper-42';
  const text = 'Hello, where is my order?';
  const name = 'Li Lei';

  // The message id embeds the timestamp so every run is a new message (a repeated id is stored once).
  const curl = [
    `SECRET='${secretText}'`,
    `TS=$(date +%s)`,
    `BODY='{"externalMessageId":"msg-'$TS'","externalUserId":"${user}","text":"${text}","contact":{"name":"${name}"}}'`,
    `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')`,
    `curl -sS -X POST '${endpoint}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H "${ts}: $TS" \\`,
    `  -H "${sig}: sha256=$SIG" \\`,
    `  --data-raw "$BODY"`,
  ].join('\n');

  const node = [
    `// Node 18+: save as send.mjs and run \`node send.mjs\``,
    `import { createHmac } from 'node:crypto';`,
    ``,
    `const secret = '${secretText}';`,
    `const body = JSON.stringify({`,
    `  externalMessageId: \`msg-\${Date.now()}\`, // unique per message; a retry with the same id is stored once`,
    `  externalUserId: '${user}',`,
    `  text: '${text}',`,
    `  contact: { name: '${name}' },`,
    `});`,
    `const timestamp = Math.floor(Date.now() / 1000).toString();`,
    `const signature = createHmac('sha256', secret).update(\`\${timestamp}.\${body}\`).digest('hex');`,
    ``,
    `const res = await fetch('${endpoint}', {`,
    `  method: 'POST',`,
    `  headers: {`,
    `    'Content-Type': 'application/json',`,
    `    '${ts}': timestamp,`,
    `    '${sig}': \`sha256=\${signature}\`,`,
    `  },`,
    `  body,`,
    `});`,
    `console.log(res.status, await res.json());`,
  ].join('\n');

  return { endpoint, curl, node };
}

/** `x-kefu-signature` → `X-Kefu-Signature`, as the docs spell headers. */
export function headerName(lower: string): string {
  return lower.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}
