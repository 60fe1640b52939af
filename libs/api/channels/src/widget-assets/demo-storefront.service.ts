import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { ChannelType } from '@kefu/shared/contracts';
import { Inbox, InboxesService } from '@kefu/api/conversations';
import {
  COMMERCE_CONNECTOR,
  formatMoney,
  type CommerceConnector,
  type CommerceProduct,
} from '@kefu/api/commerce';
import { renderDemoPage, type DemoIdentity, type DemoPageModel, type DemoProductView } from './demo-page';
import { categoryLabel, colourLabel, DEMO_STRINGS, demoLang, fill, type DemoLang } from './demo-page-strings';

/** The widget inbox the demo storefront uses; seeded with the demo shop. */
export const DEMO_INBOX_NAME = 'Demo storefront';
/** Demo customers offered by "log in as" (the seeded shop's first customers, when they exist). */
export const DEMO_CUSTOMER_REFS = ['C100001', 'C100002', 'C100003', 'C100004'];
const RELATED = 8;
const REF = /^[A-Za-z0-9_.-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DemoQuery {
  product?: string;
  as?: string;
  lang?: string;
  added?: string;
  inbox?: string;
}

/** hex HMAC-SHA256(inbox secret, userId): what a shop's server computes for a logged-in shopper. */
export const signUserId = (secret: string, userId: string) =>
  createHmac('sha256', secret).update(userId, 'utf8').digest('hex');

/**
 * The demo storefront (`GET /demo`): a product page of the seeded demo shop with the widget on it,
 * read through the commerce connector; `?as=<customer ref>` signs that demo customer as a shop would.
 */
@Injectable()
export class DemoStorefront {
  constructor(
    private readonly inboxes: InboxesService,
    @Inject(COMMERCE_CONNECTOR) private readonly commerce: CommerceConnector,
  ) {}

  /** `?inbox=<id>` when it is a widget inbox, else the one named "Demo storefront", else the oldest widget inbox. */
  async widgetInbox(requested?: string): Promise<Inbox | null> {
    const widgets = (await this.inboxes.list()).filter((i) => i.channel === ChannelType.Widget);
    if (requested && UUID.test(requested)) {
      const chosen = widgets.find((i) => i.id === requested.toLowerCase());
      if (chosen) return chosen;
    }
    return widgets.find((i) => i.name === DEMO_INBOX_NAME) ?? widgets[0] ?? null;
  }

  /** The page and its HTTP status (404 for an unknown product, so a typo is visible in logs). */
  async render(
    query: DemoQuery,
    acceptLanguage: string | undefined,
    origin: string,
  ): Promise<{ status: number; html: string }> {
    const lang = demoLang(query.lang, acceptLanguage);
    const t = DEMO_STRINGS[lang];
    const [inbox, catalogue] = await Promise.all([
      this.widgetInbox(query.inbox),
      this.commerce.findProducts('', { limit: RELATED + 1 }),
    ]);
    const wanted =
      typeof query.product === 'string' && query.product.trim() ? query.product.trim().slice(0, 64) : null;
    const product = wanted ? await this.commerce.getProduct(wanted) : (catalogue[0] ?? null);
    const notices: string[] = [];
    if (wanted && !product) notices.push(fill(t.unknownProduct, { id: wanted }));

    const customers = (
      await Promise.all(
        DEMO_CUSTOMER_REFS.map((ref) => this.commerce.findCustomer({ externalId: ref }).catch(() => null)),
      )
    ).flatMap((c) => (c ? [{ ref: c.externalId, name: c.name, email: c.email }] : []));
    let identity: DemoIdentity | null = null;
    const as = typeof query.as === 'string' ? query.as.trim() : '';
    if (as && inbox) {
      const customer = REF.test(as) ? await this.commerce.findCustomer({ externalId: as }) : null;
      if (customer) {
        identity = {
          userId: customer.externalId,
          hash: signUserId(inbox.secret, customer.externalId),
          name: customer.name,
          ...(customer.email ? { email: customer.email } : {}),
        };
      } else notices.push(fill(t.unknownCustomer, { ref: as.slice(0, 64) }));
    }

    const model: DemoPageModel = {
      lang,
      product: product ? productView(product, lang) : null,
      related: catalogue
        .filter((p) => p.id !== product?.id)
        .slice(0, RELATED)
        .map((p) => ({ id: p.id, name: p.names[lang] ?? p.names.en, price: priceOf(p) })),
      widget: inbox ? { inboxId: inbox.id, snippetSrc: `${origin}/widget.js` } : null,
      identity,
      customers: customers.map(({ ref, name }) => ({ ref, name })),
      added: query.added === '1' && !!product,
      notice: notices.join(' ') || undefined,
    };
    return { status: wanted && !product ? 404 : 200, html: renderDemoPage(model) };
  }
}

function priceOf(p: CommerceProduct): string {
  const from = formatMoney(p.priceFrom, p.currency);
  return p.priceTo > p.priceFrom ? `${from} – ${formatMoney(p.priceTo, p.currency)}` : from;
}

const LETTER_SIZES = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', 'XXXL'];

/** XS before S before M…, 36 before 37, 30ml before 100ml; anything else keeps its order. */
export function sortSizes(sizes: string[]): string[] {
  const rank = (s: string) => {
    const letter = LETTER_SIZES.indexOf(s.toUpperCase());
    if (letter >= 0) return letter;
    const n = parseFloat(s);
    return Number.isNaN(n) ? Number.MAX_SAFE_INTEGER : 100 + n;
  };
  return sizes
    .map((s, i) => ({ s, i, r: rank(s) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.s);
}

function productView(p: CommerceProduct, lang: DemoLang): DemoProductView {
  const t = DEMO_STRINGS[lang];
  const attr = (k: string) => (typeof p.attributes?.[k] === 'string' ? (p.attributes[k] as string) : null);
  const facts = [
    { label: t.productId, value: p.id },
    { label: t.category, value: categoryLabel(p.category, lang) },
    ...(attr('material') ? [{ label: t.material, value: attr('material') as string }] : []),
    ...(attr('origin') ? [{ label: t.origin, value: attr('origin') as string }] : []),
  ];
  return {
    id: p.id,
    name: p.names[lang] ?? p.names.en,
    brand: p.brand,
    category: categoryLabel(p.category, lang),
    price: priceOf(p),
    colours: p.colours.filter(Boolean).map((c) => ({ value: c, label: colourLabel(c, lang) })),
    sizes: sortSizes(p.sizes.filter(Boolean)),
    facts,
  };
}
