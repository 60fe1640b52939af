import { DEMO_STYLES } from './demo-page.styles';
import { DEMO_STRINGS, fill, type DemoLang, type DemoStrings } from './demo-page-strings';
import { html, jsonForScript, SafeHtml } from './html';

export interface DemoProductView {
  id: string;
  name: string;
  brand: string;
  category: string;
  price: string;
  colours: { value: string; label: string }[];
  sizes: string[];
  facts: { label: string; value: string }[];
}

export interface DemoIdentity {
  userId: string;
  hash: string;
  name?: string;
  email?: string;
}

/** Everything the demo storefront page shows; the page itself is a pure function of it. */
export interface DemoPageModel {
  lang: DemoLang;
  /** Null when the demo shop has no such product (or none at all yet). */
  product: DemoProductView | null;
  related: { id: string; name: string; price: string }[];
  /** Null when there is no widget inbox: the page says so instead of loading the widget. */
  widget: { inboxId: string; snippetSrc: string } | null;
  identity: DemoIdentity | null;
  customers: { ref: string; name: string }[];
  added: boolean;
  /** A problem with the request (unknown product or customer), shown above the product. */
  notice?: string;
}

/** Links keep the page's other parameters (language, who is logged in). */
function link(m: DemoPageModel, change: Record<string, string | null>): string {
  const params = new URLSearchParams();
  const current: Record<string, string | null> = {
    product: m.product?.id ?? null,
    as: m.identity?.userId ?? null,
    lang: m.lang,
  };
  for (const [k, v] of Object.entries({ ...current, ...change })) if (v) params.set(k, v);
  const q = params.toString();
  return `demo${q ? `?${q}` : ''}`;
}

function header(m: DemoPageModel, t: DemoStrings): SafeHtml {
  const account = m.identity
    ? html`<span class="who"
          >${t.loggedInAs}
          <strong>${m.identity.name ?? m.identity.userId}</strong> (${m.identity.userId})</span
        >
        <a href="${link(m, { as: null })}">${t.logout}</a>`
    : html`<details class="login">
        <summary>${t.loginAs}</summary>
        <ul>
          ${m.customers.map((c) => html`<li><a href="${link(m, { as: c.ref })}">${c.name} · ${c.ref}</a></li>`)}
        </ul>
      </details>`;
  const langs: [DemoLang, string][] = [
    ['zh-CN', '中文'],
    ['en', 'English'],
    ['ja', '日本語'],
  ];
  return html`<header class="top">
    <div class="bar">
      <a class="logo" href="${link(m, { product: null })}">${t.shop}</a>
      <nav aria-label="${t.shop}">
        ${t.nav.map((n) => html`<a href="${link(m, { product: null })}">${n}</a>`)}
      </nav>
      <div class="account">
        ${account}
        <span class="langs"
          >${langs.map(([l, label]) => (l === m.lang ? html`<strong>${label}</strong>` : html`<a href="${link(m, { lang: l })}" lang="${l}">${label}</a>`))}</span
        >
      </div>
    </div>
    <p class="banner">${t.banner}</p>
  </header>`;
}

function productSection(p: DemoProductView, m: DemoPageModel, t: DemoStrings): SafeHtml {
  const description = fill(t.descriptionText, { name: p.name, brand: p.brand });
  return html`<nav class="crumbs" aria-label="breadcrumb">
      <a href="${link(m, { product: null })}">${t.home}</a> / <span>${p.category}</span> /
      <span>${p.name}</span>
    </nav>
    <section class="product">
      <div class="gallery" role="img" aria-label="${p.name}">
        <span class="initial">${p.brand.slice(0, 1)}</span><span class="cat">${p.category}</span>
      </div>
      <form class="buy" method="get" action="demo">
        <p class="brand">${p.brand}</p>
        <h1>${p.name}</h1>
        <p class="price">${p.price}</p>
        <input type="hidden" name="product" value="${p.id}" />
        ${m.identity ? html`<input type="hidden" name="as" value="${m.identity.userId}" />` : ''}
        <input type="hidden" name="lang" value="${m.lang}" />
        ${
          p.colours.length
            ? html`<fieldset>
                <legend>${t.colour}</legend>
                ${p.colours.map((c, i) => html`<label class="chip"><input type="radio" name="colour" value="${c.value}" ${i === 0 ? new SafeHtml('checked') : ''} /><span>${c.label}</span></label>`)}
              </fieldset>`
            : ''
        }
        ${
          p.sizes.length
            ? html`<fieldset>
                <legend>${t.size}</legend>
                ${p.sizes.map((s, i) => html`<label class="chip"><input type="radio" name="size" value="${s}" ${i === Math.min(2, p.sizes.length - 1) ? new SafeHtml('checked') : ''} /><span>${s}</span></label>`)}
              </fieldset>`
            : ''
        }
        <label class="qty">${t.quantity} <input type="number" name="qty" value="1" min="1" max="9" /></label>
        <button class="cart" type="submit" name="added" value="1">${t.addToCart}</button>
        ${m.added ? html`<p class="added" role="status">${t.added}</p>` : ''}
        <ul class="perks">
          <li>${t.freeShipping}</li>
          <li>${t.returns}</li>
          <li>${t.genuine}</li>
        </ul>
      </form>
    </section>
    <section class="details">
      <h2>${t.description}</h2>
      <p>${description}</p>
      <dl>
        ${p.facts.map(
          (f) =>
            html`<dt>${f.label}</dt>
              <dd>${f.value}</dd>`,
        )}
      </dl>
    </section>`;
}

function embedSection(m: DemoPageModel, t: DemoStrings): SafeHtml {
  if (!m.widget)
    return html`<section class="embed missing" role="alert">
      <h2>${t.noInbox}</h2>
      <p>${t.noInboxHelp}</p>
    </section>`;
  const config: Record<string, unknown> = { context: { productId: m.product?.id ?? null } };
  if (m.identity) config.identity = m.identity;
  const snippet = `<script>\n  window.KefuWidget = ${JSON.stringify(config, null, 2).replace(/\n/g, '\n  ')};\n</script>\n<script src="${m.widget.snippetSrc}" data-inbox="${m.widget.inboxId}" async></script>`;
  const signing = m.identity
    ? `// On the shop's server (Node.js); INBOX_SECRET never reaches the browser.\nconst hash = createHmac('sha256', INBOX_SECRET).update(${JSON.stringify(m.identity.userId)}).digest('hex');\n// ${m.identity.hash}`
    : null;
  return html`<section class="embed">
    <h2>${t.embedTitle}</h2>
    <p>${t.embedIntro}</p>
    <pre><code>${snippet}</code></pre>
    ${
      signing
        ? html`<p>${t.signIntro}</p>
            <pre><code>${signing}</code></pre>
            <p class="note">${t.signNote}</p>`
        : ''
    }
  </section>`;
}

/** The demo storefront's product page (all text escaped; the widget's config as escaped JSON). */
export function renderDemoPage(m: DemoPageModel): string {
  const t = DEMO_STRINGS[m.lang];
  const title = m.product ? `${m.product.name} · ${t.shop}` : t.shop;
  const widgetConfig = {
    context: { productId: m.product?.id ?? null, orderId: null },
    locale: m.lang,
    ...(m.identity ? { identity: m.identity } : {}),
  };
  const page = html`<!doctype html>
    <html lang="${m.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <meta name="robots" content="noindex" />
        <link rel="icon" href="data:," />
        <style>
          ${new SafeHtml(DEMO_STYLES)}
        </style>
      </head>
      <body>
        ${header(m, t)}
        <main>
          ${m.notice ? html`<p class="notice" role="status">${m.notice}</p>` : ''}
          ${m.product ? productSection(m.product, m, t) : html`<p class="notice">${m.related.length ? '' : t.noProducts}</p>`}
          ${
            m.related.length
              ? html`<section class="related">
                  <h2>${t.related}</h2>
                  <ul>
                    ${m.related.map(
                      (r) =>
                        html`<li>
                          <a href="${link(m, { product: r.id, added: null })}"
                            ><span class="thumb" aria-hidden="true">${r.name.slice(0, 1)}</span
                            ><span class="rname">${r.name}</span><span class="rprice">${r.price}</span></a
                          >
                        </li>`,
                    )}
                  </ul>
                </section>`
              : ''
          }
          ${embedSection(m, t)}
        </main>
        <footer>${t.footer}</footer>
        ${
          m.widget
            ? html`<script>
                  window.KefuWidget = ${jsonForScript(widgetConfig)};
                </script>
                <script src="widget.js" data-inbox="${m.widget.inboxId}" async></script>`
            : ''
        }
      </body>
    </html>`;
  return page.value;
}
