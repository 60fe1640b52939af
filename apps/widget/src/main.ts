// Entry of widget.js: `<script src="https://kefu.example.com/widget.js" data-inbox="<inbox id>" async>`.
import { apiBaseOf, type KefuWidgetGlobal, type PageConfig } from './config';
import { safeStorage, WidgetStore } from './storage';
import { KefuWidget } from './widget';

declare global {
  interface Window {
    KefuWidget?: KefuWidgetGlobal;
    __kefuWidgetLoaded?: boolean;
  }
}

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.inbox) return current;
  // Loaded some other way (a tag manager): the first tag that names an inbox.
  return document.querySelector<HTMLScriptElement>('script[data-inbox][src*="widget.js"]');
}

function start(script: HTMLScriptElement) {
  const inboxId = (script.dataset.inbox ?? '').trim();
  if (!inboxId) {
    console.warn('[Kefu widget] the script tag needs data-inbox="<inbox id>"');
    return;
  }
  const { base, socketPath } = apiBaseOf(script.src);
  const config: PageConfig = { inboxId, base, socketPath, locale: script.dataset.locale };
  const global: KefuWidgetGlobal = (window.KefuWidget ??= {});
  const store = new WidgetStore(
    safeStorage(() => window.localStorage),
    inboxId,
  );
  const widget = new KefuWidget(config, store, global);
  const mount = () => widget.mount(document.body);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
  global.open = () => widget.open();
  global.close = () => widget.close();
}

if (!window.__kefuWidgetLoaded) {
  window.__kefuWidgetLoaded = true;
  const script = findScript();
  if (script?.src) start(script);
  else console.warn('[Kefu widget] could not find its <script data-inbox="…" src=".../widget.js"> tag');
}
