/**
 * The widget's stylesheet, inside its shadow root: the shop's CSS cannot reach it and it cannot reach
 * the shop. `--kefu-brand` / `--kefu-on-brand` / `--kefu-accent` come from the inbox's colour.
 */
export const STYLES = `
:host { all: initial; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  --kefu-brand: #3f51b5; --kefu-on-brand: #fff; --kefu-accent: #3f51b5;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans",
    "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif;
  color: #1a1a1a; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  display: flex; flex-direction: column; align-items: flex-end; gap: 12px;
}
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--kefu-accent); outline-offset: 2px; }
.launcher { width: 60px; height: 60px; border-radius: 50%; border: 0; position: relative;
  background: var(--kefu-brand); color: var(--kefu-on-brand); display: grid; place-items: center;
  box-shadow: 0 6px 20px rgba(0,0,0,.25); transition: transform .15s ease; }
.launcher:hover { transform: scale(1.05); }
.launcher:focus-visible { outline-offset: 4px; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.badge { position: absolute; top: -2px; right: -2px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: #c62828; color: #fff; font-size: 12px; font-weight: 700;
  line-height: 22px; text-align: center; border: 2px solid #fff; }
.panel { width: 380px; height: min(640px, calc(100vh - 110px)); background: #fff; border-radius: 16px;
  box-shadow: 0 12px 40px rgba(0,0,0,.28); display: flex; flex-direction: column; overflow: hidden; }
.head { background: var(--kefu-brand); color: var(--kefu-on-brand); padding: 14px 12px 14px 18px;
  display: flex; align-items: center; gap: 8px; }
.titles { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 16px; font-weight: 650; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.sub { margin: 2px 0 0; font-size: 12.5px; opacity: .92; }
.icon-btn { width: 40px; height: 40px; border: 0; border-radius: 50%; background: transparent;
  display: grid; place-items: center; color: inherit; flex: none; }
.icon-btn:hover { background: rgba(127,127,127,.18); }
.icon-btn svg { width: 22px; height: 22px; fill: currentColor; }
.head .icon-btn:focus-visible { outline-color: var(--kefu-on-brand); outline-offset: -3px; }
.notice { padding: 8px 16px; font-size: 13px; background: #fff4e5; color: #5d3a00; border-bottom: 1px solid #f3d19c; }
.notice.error { background: #fdecea; color: #7f1d1d; border-color: #f5c2c0; }
.scroller { flex: 1; overflow-y: auto; padding: 14px 14px 6px; background: #f6f7f9; overscroll-behavior: contain; }
.earlier { display: block; margin: 0 auto 10px; border: 1px solid #c9ccd3; background: #fff; border-radius: 14px;
  padding: 4px 12px; font-size: 12.5px; color: #333; }
.empty { text-align: center; color: #555; font-size: 13px; margin: 18px 12px; }
.log { display: flex; flex-direction: column; gap: 10px; }
.msg { display: flex; flex-direction: column; align-items: flex-start; max-width: 86%; }
.msg.mine { align-self: flex-end; align-items: flex-end; }
.msg.system { align-self: center; align-items: center; max-width: 92%; }
.bubble { padding: 9px 13px; border-radius: 16px 16px 16px 4px; background: #fff; color: #1a1a1a;
  box-shadow: 0 1px 2px rgba(0,0,0,.08); white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; }
.mine .bubble { background: var(--kefu-brand); color: var(--kefu-on-brand); border-radius: 16px 16px 4px 16px; }
.system .bubble { background: #e9ebef; color: #333; font-size: 12.5px; border-radius: 10px; box-shadow: none; }
.bubble a { color: var(--kefu-accent); text-decoration: underline; }
.mine .bubble a { color: inherit; }
.pending .bubble { opacity: .72; }
.failed .bubble { box-shadow: 0 0 0 2px #c62828; }
.atts { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
.atts a { display: block; border-radius: 12px; overflow: hidden; line-height: 0; }
.atts img { max-width: 220px; max-height: 220px; display: block; background: #e0e0e0; }
.meta { font-size: 11.5px; color: #5f6368; margin: 3px 6px 0; display: flex; gap: 6px; align-items: center; }
.meta .err { color: #b3261e; }
.retry { border: 0; background: none; color: var(--kefu-accent); text-decoration: underline; padding: 0 2px; font-size: 11.5px; }
.cards { display: flex; flex-direction: column; gap: 8px; margin-top: 6px; width: 100%; min-width: 240px; }
.card { background: #fff; border: 1px solid #e0e3e8; border-radius: 12px; padding: 10px 12px; }
.card-top { display: flex; gap: 10px; align-items: flex-start; }
.card img { width: 64px; height: 64px; object-fit: cover; border-radius: 8px; background: #eee; flex: none; }
.card-title { margin: 0; font-size: 14px; font-weight: 650; }
.card-badge { display: inline-block; margin-top: 3px; font-size: 12px; padding: 1px 8px; border-radius: 10px;
  background: #e8f0fe; color: #174ea6; }
.card-price { margin-top: 3px; font-weight: 650; color: #b3261e; }
.card dl { margin: 8px 0 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; font-size: 12.5px; }
.card dt { color: #5f6368; }
.card dd { margin: 0; overflow-wrap: anywhere; }
.card ul { margin: 8px 0 0; padding-left: 18px; font-size: 12.5px; }
.card-link { display: inline-block; margin-top: 8px; font-size: 13px; color: var(--kefu-accent); }
.typing { align-self: flex-start; margin-top: 10px; }
.typing .bubble { display: inline-flex; gap: 4px; padding: 12px 14px; }
.dot { width: 7px; height: 7px; border-radius: 50%; background: #80868b; animation: kefu-blink 1.2s infinite both; }
.dot:nth-child(2) { animation-delay: .2s; } .dot:nth-child(3) { animation-delay: .4s; }
@keyframes kefu-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
.caret { display: inline-block; width: 2px; height: 1.1em; margin-left: 2px; vertical-align: text-bottom;
  background: currentColor; animation: kefu-caret 1s steps(1) infinite; }
@keyframes kefu-caret { 50% { opacity: 0; } }
@media (prefers-reduced-motion: reduce) { .dot, .caret { animation: none; } .launcher { transition: none; } }
.quick { display: flex; flex-wrap: wrap; gap: 6px; justify-content: flex-end; margin-top: 10px; }
.quick button { border: 1.5px solid var(--kefu-accent); color: var(--kefu-accent); background: #fff;
  border-radius: 16px; padding: 5px 12px; font-size: 13px; }
.quick button:hover { background: #f1f3f8; }
.composer { display: flex; align-items: flex-end; gap: 4px; padding: 8px; border-top: 1px solid #e3e5e8; background: #fff; }
.composer textarea { flex: 1; resize: none; border: 1px solid #c9ccd3; border-radius: 18px; padding: 9px 14px;
  max-height: 120px; min-height: 40px; line-height: 1.4; background: #fff; }
.composer textarea:focus-visible { outline-offset: 0; }
.composer .icon-btn { color: #444; }
.composer .send { color: var(--kefu-accent); }
.composer button:disabled { opacity: .45; cursor: default; }
.status-line { font-size: 12px; padding: 0 14px 8px; color: #b3261e; background: #fff; }
.status-line.info { color: #5f6368; }
@media (max-width: 480px) {
  .root { right: 12px; bottom: 12px; }
  .root.open { inset: 0; right: 0; bottom: 0; gap: 0; }
  .root.open .panel { width: 100vw; height: 100%; border-radius: 0; }
  .root.open .launcher { display: none; }
  /* 16px keeps mobile Safari from zooming the page when the composer gets the focus. */
  .composer textarea { font-size: 16px; }
}
@media (forced-colors: active) { .bubble, .card, .launcher { border: 1px solid CanvasText; } }
`;
