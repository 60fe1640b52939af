import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@kefu/shared/contracts';
import { headerName } from './send-message-snippets';
import { trimOrigin } from './wechat-keys';
import { SECRET_PLACEHOLDER } from './widget-snippets';

export interface EmailInboundSnippets {
  /** Where the mail gateway POSTs each raw message (`Content-Type: message/rfc822`). */
  inboundUrl: string;
  /** `/usr/local/bin/kefu-mail`: reads one message on stdin and posts it, signed. */
  script: string;
  /** The Postfix lines that pipe the support address's mail into the script. */
  postfix: string;
}

/**
 * The inbound URL of an e-mail inbox and a Postfix pipe that posts each raw message to it, signed like
 * every push to Kefu: `X-Kefu-Timestamp: <unix seconds>` and
 * `X-Kefu-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw message>")>`, made with curl and
 * openssl. The script exits 75 (Postfix retries later) when Kefu is unreachable or busy and 69
 * (bounce) only when Kefu refuses the message itself (malformed or too large).
 */
export function emailInboundSnippets(
  origin: string,
  inboxId: string,
  secret: string | null,
  address: string,
): EmailInboundSnippets {
  const inboundUrl = `${trimOrigin(origin)}/api/v1/channels/email/${encodeURIComponent(inboxId)}/inbound`;
  const ts = headerName(TIMESTAMP_HEADER);
  const sig = headerName(SIGNATURE_HEADER);
  const script = [
    `#!/bin/sh`,
    `# /usr/local/bin/kefu-mail: Postfix pipes each message for the support address here; it is`,
    `# posted to Kefu as it arrived, signed with the inbox secret. Needs curl and openssl.`,
    `set -u`,
    `KEFU_URL=${shellString(inboundUrl)}`,
    `KEFU_SECRET=${shellString(secret ?? SECRET_PLACEHOLDER)}`,
    ``,
    `MAIL=$(mktemp) || exit 75`,
    `trap 'rm -f "$MAIL"' EXIT`,
    `cat > "$MAIL" || exit 75`,
    `TS=$(date +%s)`,
    `SIG=$( { printf '%s.' "$TS"; cat "$MAIL"; } | openssl dgst -sha256 -hmac "$KEFU_SECRET" -hex | sed 's/^.* //')`,
    `STATUS=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 60 -X POST "$KEFU_URL" \\`,
    `  -H 'Content-Type: message/rfc822' \\`,
    `  -H "${ts}: $TS" \\`,
    `  -H "${sig}: sha256=$SIG" \\`,
    `  --data-binary @"$MAIL") || exit 75`,
    ``,
    `case "$STATUS" in`,
    `  2??) exit 0 ;;`,
    `  400|413|415) echo "Kefu refused the message (HTTP $STATUS)" >&2; exit 69 ;;`,
    `  *) echo "Kefu answered HTTP $STATUS; Postfix will try again" >&2; exit 75 ;;`,
    `esac`,
  ].join('\n');
  const postfix = [
    `# /etc/postfix/master.cf: a pipe transport that runs the script`,
    `kefu      unix  -       n       n       -       -       pipe`,
    `  flags=R user=nobody argv=/usr/local/bin/kefu-mail`,
    ``,
    `# /etc/postfix/transport (then: postmap /etc/postfix/transport && postfix reload)`,
    `${address || 'support@shop.example.com'}    kefu:`,
    ``,
    `# /etc/postfix/main.cf`,
    `transport_maps = hash:/etc/postfix/transport`,
  ].join('\n');
  return { inboundUrl, script, postfix };
}

/** A single-quoted shell word. */
export function shellString(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
