import { trimOrigin } from './wechat-keys';

/** Stands in for the secret when it is not shown any more (it is only readable once). */
export const SECRET_PLACEHOLDER = '<inbox secret>';

export interface WidgetSnippets {
  /** The one tag that adds the chat launcher to a page. */
  embed: string;
  /** What the shop's page template adds before the tag for a logged-in shopper. */
  page: string;
  /** Server code that signs the user id: `hex HMAC-SHA256(inbox secret, userId)`. */
  node: string;
  php: string;
  python: string;
  /** The demo storefront page with the widget. */
  demoUrl: string;
}

/** The embed tag and the identity-signing examples for a widget inbox. */
export function widgetSnippets(origin: string, inboxId: string, secret: string | null): WidgetSnippets {
  const base = trimOrigin(origin);
  const embed = `<script src="${base}/widget.js" data-inbox="${escapeAttr(inboxId)}" async></script>`;
  const secretText = jsString(secret ?? SECRET_PLACEHOLDER);

  const page = [
    `<!-- Only for a logged-in shopper; the values come from your server (see the examples). -->`,
    `<script>`,
    `  window.KefuWidget = {`,
    `    identity: { userId: 'C10023', hash: '<hex HMAC-SHA256 of the user id>', name: 'Li Lei' },`,
    `  };`,
    `</script>`,
    embed,
  ].join('\n');

  const node = [
    `// On your server, never in the browser: the secret signs who the shopper is.`,
    `import { createHmac } from 'node:crypto';`,
    ``,
    `// Load it from your server's secret store or configuration; never commit it.`,
    `const KEFU_SECRET = ${secretText};`,
    ``,
    `export function kefuIdentity(user) {`,
    `  const userId = String(user.id);`,
    `  const hash = createHmac('sha256', KEFU_SECRET).update(userId).digest('hex');`,
    `  return { userId, hash, name: user.name };`,
    `}`,
    ``,
    `// In the page template, before the widget's <script> tag (escape "<" for inline JSON):`,
    `// <script>window.KefuWidget = { identity: \${JSON.stringify(kefuIdentity(user)).replace(/</g, '\\\\u003c')} };</script>`,
  ].join('\n');

  const php = [
    `<?php`,
    `// On your server, never in the browser: the secret signs who the shopper is.`,
    `$kefuSecret = getenv('KEFU_INBOX_SECRET') ?: ${secretText};`,
    ``,
    `function kefu_identity(array $user, string $secret): array {`,
    `    $userId = (string) $user['id'];`,
    `    return [`,
    `        'userId' => $userId,`,
    `        'hash' => hash_hmac('sha256', $userId, $secret),`,
    `        'name' => $user['name'],`,
    `    ];`,
    `}`,
    `?>`,
    `<script>window.KefuWidget = { identity: <?= json_encode(kefu_identity($user, $kefuSecret), JSON_HEX_TAG | JSON_UNESCAPED_UNICODE) ?> };</script>`,
    embed,
  ].join('\n');

  const python = [
    `# On your server, never in the browser: the secret signs who the shopper is.`,
    `import hashlib`,
    `import hmac`,
    `import os`,
    ``,
    `KEFU_SECRET = os.environ.get('KEFU_INBOX_SECRET', ${secretText})`,
    ``,
    ``,
    `def kefu_identity(user):`,
    `    user_id = str(user['id'])`,
    `    digest = hmac.new(KEFU_SECRET.encode(), user_id.encode(), hashlib.sha256).hexdigest()`,
    `    return {'userId': user_id, 'hash': digest, 'name': user['name']}`,
    ``,
    `# In a Jinja template, before the widget's <script> tag:`,
    `# <script>window.KefuWidget = {{ {'identity': kefu_identity(user)} | tojson }};</script>`,
  ].join('\n');

  return { embed, page, node, php, python, demoUrl: `${base}/demo` };
}

/** A single-quoted string literal that JavaScript, PHP and Python all read the same way. */
export function jsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
