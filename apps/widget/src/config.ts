import type { Identity, PageContext } from './protocol';

/** What the page gives the widget: the script tag's attributes and `window.KefuWidget`. */
export interface PageConfig {
  inboxId: string;
  /** Where the API answers: the script's URL without `/widget.js` (keeps a reverse proxy's path prefix). */
  base: string;
  /** socket.io's HTTP path on that server. */
  socketPath: string;
  locale?: string;
  identity?: Identity;
}

/** The page's global: set by the shop before the tag; the widget adds `open()` and `close()`. */
export interface KefuWidgetGlobal {
  identity?: Identity;
  context?: PageContext;
  locale?: string;
  open?: () => void;
  close?: () => void;
}

/** `https://cs.example.com/kefu/widget.js?v=2` → base `https://cs.example.com/kefu`, path `/kefu/socket.io`. */
export function apiBaseOf(scriptSrc: string): { base: string; socketPath: string } {
  const url = new URL(scriptSrc);
  const prefix = url.pathname.replace(/\/[^/]*$/, '');
  return { base: `${url.origin}${prefix}`, socketPath: `${prefix}/socket.io` };
}

/** A usable identity from the page's global, or undefined (a malformed one is ignored with a warning). */
export function identityOf(raw: unknown): Identity | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const i = raw as Record<string, unknown>;
  if (typeof i.userId !== 'string' || typeof i.hash !== 'string' || !i.userId || !i.hash) return undefined;
  return {
    userId: i.userId,
    hash: i.hash,
    ...(typeof i.name === 'string' && i.name ? { name: i.name } : {}),
    ...(typeof i.email === 'string' && i.email ? { email: i.email } : {}),
  };
}

/** The page context sent with one message: the shop's product/order id and the page's URL. */
export function contextOf(
  raw: unknown,
  pageUrl: string,
): { productId?: string; orderId?: string; pageUrl?: string } {
  const c = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const id = (v: unknown) =>
    typeof v === 'string' && v.trim()
      ? v.trim().slice(0, 200)
      : typeof v === 'number'
        ? String(v)
        : undefined;
  const out: { productId?: string; orderId?: string; pageUrl?: string } = {};
  const productId = id(c.productId);
  const orderId = id(c.orderId);
  if (productId) out.productId = productId;
  if (orderId) out.orderId = orderId;
  if (pageUrl) out.pageUrl = pageUrl.slice(0, 2048);
  return out;
}
