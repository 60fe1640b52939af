import { themeColors } from './cards';
import { h, icon } from './dom';
import { format, STRINGS, type Strings } from './i18n';
import {
  contentKey,
  elementKey,
  isStreaming,
  messageClass,
  metaKey,
  renderMessage,
  renderMeta,
  updateStreaming,
  type MessageRenderContext,
} from './message-view';
import type { MessageList } from './messages';
import type { Locale, QuickReply } from './protocol';
import { STYLES } from './styles';
import { IMAGE_TYPES } from './upload';

export interface ViewHandlers {
  onOpenChange(open: boolean): void;
  onSend(text: string): void;
  onQuickReply(q: QuickReply): void;
  onAttach(file: File): void;
  onTyping(): void;
  onRetry(clientId: string): void;
  onEarlier(): void;
}

interface Rendered {
  el: HTMLElement;
  content: string;
  meta: string;
  /** A streamed bubble: grows in place. */
  streaming: boolean;
}

/**
 * The widget's DOM, inside a shadow root: the launcher button and the chat dialog (header, message
 * log, typing indicator, quick replies, composer). It only draws; the controller decides.
 */
export class WidgetView {
  readonly host: HTMLElement;
  private readonly root: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly closeBtn: HTMLButtonElement;
  private readonly notice: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly earlier: HTMLButtonElement;
  private readonly empty: HTMLElement;
  private readonly log: HTMLElement;
  private readonly typing: HTMLElement;
  private readonly typingLabel: HTMLElement;
  private readonly quick: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly attach: HTMLButtonElement;
  private readonly file: HTMLInputElement;
  private readonly send: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly rendered = new Map<string, Rendered>();
  private t: Strings = STRINGS.en;
  private locale: Locale = 'en';
  private customTitle = '';
  private unread = 0;
  isOpen = false;

  constructor(
    private readonly handlers: ViewHandlers,
    private readonly base: string,
  ) {
    this.host = h('div', { id: 'kefu-widget', 'data-kefu-widget': '' });
    // The host sits in the shop's DOM: a shop rule on `div` (hidden, transformed, filtered) must not
    // reach it. Set through CSSOM, which a Content-Security-Policy allows, unlike a style attribute.
    for (const [prop, value] of [
      ['all', 'initial'],
      ['display', 'block'],
      ['visibility', 'visible'],
      ['opacity', '1'],
    ]) {
      this.host.style.setProperty(prop, value, 'important');
    }
    const shadow = this.host.attachShadow({ mode: 'open' });
    this.launcher = h(
      'button',
      { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'kefu-panel' },
      icon('chat'),
    );
    this.badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
    this.launcher.append(this.badge);
    this.title = h('h2', { class: 'title', id: 'kefu-title' });
    this.subtitle = h('p', { class: 'sub' });
    this.closeBtn = h('button', { type: 'button', class: 'icon-btn close' }, icon('down'));
    this.notice = h('div', { class: 'notice', role: 'status', hidden: true });
    this.earlier = h('button', { type: 'button', class: 'earlier', hidden: true });
    this.empty = h('p', { class: 'empty' });
    this.log = h('div', {
      class: 'log',
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions text',
    });
    this.typingLabel = h('span', { class: 'sr' });
    this.typing = h(
      'div',
      { class: 'typing', role: 'status', hidden: true },
      this.typingLabel,
      h(
        'div',
        { class: 'bubble', 'aria-hidden': 'true' },
        h('span', { class: 'dot' }),
        h('span', { class: 'dot' }),
        h('span', { class: 'dot' }),
      ),
    );
    this.quick = h('div', { class: 'quick', role: 'group', hidden: true });
    this.scroller = h(
      'div',
      { class: 'scroller' },
      this.earlier,
      this.empty,
      this.log,
      this.typing,
      this.quick,
    );
    this.file = h('input', { type: 'file', accept: IMAGE_TYPES.join(','), hidden: true, tabindex: -1 });
    this.attach = h('button', { type: 'button', class: 'icon-btn attach' }, icon('image'));
    this.textarea = h('textarea', { rows: 1, maxlength: 5000, enterkeyhint: 'send', autocomplete: 'off' });
    this.send = h('button', { type: 'submit', class: 'icon-btn send' }, icon('send'));
    this.form = h('form', { class: 'composer' }, this.attach, this.file, this.textarea, this.send);
    this.status = h('div', { class: 'status-line', role: 'alert', hidden: true });
    this.panel = h(
      'div',
      {
        class: 'panel',
        id: 'kefu-panel',
        role: 'dialog',
        'aria-modal': 'false',
        'aria-labelledby': 'kefu-title',
        hidden: true,
      },
      h('header', { class: 'head' }, h('div', { class: 'titles' }, this.title, this.subtitle), this.closeBtn),
      this.notice,
      this.scroller,
      this.form,
      this.status,
    );
    this.root = h('div', { class: 'root' }, this.panel, this.launcher);
    // A constructed stylesheet where supported (a page's CSP may refuse inline <style>), else <style>.
    if (
      'adoptedStyleSheets' in shadow &&
      typeof CSSStyleSheet === 'function' &&
      'replaceSync' in CSSStyleSheet.prototype
    ) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      shadow.adoptedStyleSheets = [sheet];
    } else shadow.append(h('style', {}, STYLES));
    shadow.append(this.root);
    this.wire();
  }

  private wire() {
    this.launcher.addEventListener('click', () => this.setOpen(!this.isOpen));
    this.closeBtn.addEventListener('click', () => this.setOpen(false));
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.isOpen) {
        e.stopPropagation();
        this.setOpen(false);
      }
    });
    this.earlier.addEventListener('click', () => this.handlers.onEarlier());
    this.attach.addEventListener('click', () => this.file.click());
    this.file.addEventListener('change', () => {
      const f = this.file.files?.[0];
      this.file.value = '';
      if (f) this.handlers.onAttach(f);
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.textarea.addEventListener('keydown', (e) => {
      // Enter sends, Shift+Enter is a new line; never while an input method is composing (pinyin, kana).
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        this.submit();
      }
    });
    this.textarea.addEventListener('input', () => {
      this.autosize();
      if (this.textarea.value.trim()) this.handlers.onTyping();
    });
  }

  private submit() {
    const text = this.textarea.value.trim();
    if (!text || this.send.disabled) return;
    this.textarea.value = '';
    this.autosize();
    this.handlers.onSend(text);
  }

  private autosize() {
    this.textarea.style.height = 'auto';
    this.textarea.style.height = `${Math.min(this.textarea.scrollHeight + 2, 120)}px`;
  }

  setOpen(open: boolean, opts: { focus?: boolean } = {}) {
    if (open === this.isOpen) return;
    this.isOpen = open;
    this.panel.hidden = !open;
    this.root.classList.toggle('open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    this.applyLabels();
    if (open) {
      this.setUnread(0);
      this.scrollToEnd();
      if (opts.focus !== false) this.textarea.focus();
    } else if (opts.focus !== false) this.launcher.focus();
    this.handlers.onOpenChange(open);
  }

  setLocale(locale: Locale) {
    this.locale = locale;
    this.t = STRINGS[locale];
    this.host.setAttribute('lang', locale);
    this.applyLabels();
  }

  setTheme(color: unknown, title: string) {
    const c = themeColors(color);
    this.root.style.setProperty('--kefu-brand', c.brand);
    this.root.style.setProperty('--kefu-on-brand', c.onBrand);
    this.root.style.setProperty('--kefu-accent', c.accent);
    this.customTitle = title.trim();
    this.applyLabels();
  }

  private applyLabels() {
    const t = this.t;
    const title = this.customTitle || t.defaultTitle;
    this.title.textContent = title;
    this.subtitle.textContent = t.subtitle;
    const unread = this.unread ? ` (${format(t.unread, { n: this.unread })})` : '';
    this.launcher.setAttribute('aria-label', (this.isOpen ? t.close : t.open) + unread);
    this.closeBtn.setAttribute('aria-label', t.close);
    this.closeBtn.title = t.close;
    this.log.setAttribute('aria-label', t.log);
    this.earlier.textContent = t.earlier;
    this.empty.textContent = t.empty;
    this.quick.setAttribute('aria-label', t.chat);
    this.attach.setAttribute('aria-label', t.attach);
    this.attach.title = t.attach;
    this.textarea.setAttribute('aria-label', t.placeholder);
    this.textarea.placeholder = t.placeholder;
    this.send.setAttribute('aria-label', t.send);
    this.send.title = t.send;
  }

  setUnread(n: number) {
    this.unread = n;
    this.badge.hidden = n === 0;
    this.badge.textContent = n > 99 ? '99+' : String(n);
    this.applyLabels();
  }

  get unreadCount() {
    return this.unread;
  }

  /** A notice under the header (offline, reconnecting, refused), or none. */
  setNotice(text: string | null, kind: 'info' | 'error' = 'info') {
    this.notice.hidden = !text;
    this.notice.textContent = text ?? '';
    this.notice.classList.toggle('error', kind === 'error');
  }

  /** A line under the composer (an image was refused, it is uploading), or none. */
  setStatus(text: string | null, kind: 'info' | 'error' = 'error') {
    this.status.hidden = !text;
    this.status.textContent = text ?? '';
    this.status.classList.toggle('info', kind === 'info');
    this.status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  }

  /** Whether the shopper can write: false while the inbox refuses them. */
  setComposerEnabled(enabled: boolean, canAttach = enabled) {
    this.textarea.disabled = !enabled;
    this.send.disabled = !enabled;
    this.attach.disabled = !canAttach;
  }

  setEarlierVisible(visible: boolean) {
    this.earlier.hidden = !visible;
  }

  setTyping(sender: 'bot' | 'agent' | null) {
    const atEnd = this.nearEnd();
    this.typing.hidden = !sender;
    this.typingLabel.textContent = sender ? (sender === 'agent' ? this.t.typingAgent : this.t.typingBot) : '';
    if (atEnd) this.scrollToEnd();
  }

  /** Draws the conversation: only the messages that changed are rebuilt. */
  render(list: MessageList, onRetry: (clientId: string) => void, opts: { keepPosition?: boolean } = {}) {
    const atEnd = this.nearEnd();
    const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
    const ctx: MessageRenderContext = {
      t: this.t,
      locale: this.locale,
      base: this.base,
      readReceiptId: list.readReceiptId(),
      onRetry,
    };
    const seen = new Set<string>();
    let previous: Element | null = null;
    for (const m of list.items) {
      const key = elementKey(m);
      seen.add(key);
      const content = contentKey(m, ctx);
      const meta = metaKey(m, ctx);
      let r = this.rendered.get(key);
      if (r && r.content !== content && r.streaming && isStreaming(m)) {
        updateStreaming(r.el, m);
        r.content = content;
        r.meta = meta;
      } else if (!r || r.content !== content) {
        // A new element where another stood (the final message in place of its streamed bubble).
        const el = renderMessage(m, ctx);
        if (r) r.el.replaceWith(el);
        r = { el, content, meta, streaming: isStreaming(m) };
        this.rendered.set(key, r);
      } else if (r.meta !== meta && !r.streaming) {
        r.el.className = messageClass(m);
        r.el.lastElementChild?.replaceWith(renderMeta(m, ctx));
        r.meta = meta;
      }
      const expected: Element | null = previous ? previous.nextElementSibling : this.log.firstElementChild;
      if (expected !== r.el) {
        if (previous) previous.after(r.el);
        else this.log.prepend(r.el);
      }
      previous = r.el;
    }
    for (const [key, r] of this.rendered) {
      if (!seen.has(key)) {
        r.el.remove();
        this.rendered.delete(key);
      }
    }
    this.empty.hidden = list.size > 0;
    this.renderQuickReplies(list.quickReplies());
    if (opts.keepPosition) this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
    else if (atEnd) this.scrollToEnd();
  }

  private renderQuickReplies(replies: QuickReply[]) {
    this.quick.replaceChildren(
      ...replies.map((q) => {
        const b = h('button', { type: 'button' }, q.label);
        b.addEventListener('click', () => {
          this.handlers.onQuickReply(q);
          this.textarea.focus();
        });
        return b;
      }),
    );
    this.quick.hidden = replies.length === 0;
  }

  private nearEnd() {
    return this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 80;
  }

  scrollToEnd() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  get strings() {
    return this.t;
  }
}
