import { Turn } from '../turn';
import type { Handler } from './handler';

/**
 * Answers from the knowledge base when an article matches well enough (score at or above the
 * admin's threshold). Returns false when none does.
 */
export async function answerFromKnowledge(t: Turn, opts: { productId?: string; minScore?: number } = {}): Promise<boolean> {
  const hits = await t.deps.knowledge.search(t.text, {
    locale: t.input.locale,
    region: t.input.region ?? undefined,
    productId: opts.productId,
    limit: 3,
    fallbackLocales: false,
  });
  for (const h of hits) if (h.answerable) t.noteRetrieval(h.score);
  const best = hits.find((h) => h.answerable && h.score >= (opts.minScore ?? 0));
  if (!best) return false;
  const article = await t.deps.knowledge.getArticle(best.articleId);
  t.say(article.answer);
  t.state.awaiting = null;
  return true;
}

/** An article beats the intent's own template only when it matches this well (0..1). */
const POLICY_ARTICLE_SCORE = 0.6;

/** Default variables of the policy templates (the shop's admin edits the texts). */
const POLICY_VARS = {
  free_threshold: { amountMinor: 9900, currency: 'CNY' },
  days: 3,
  months: 12,
};

/**
 * Questions about how the shop works: the knowledge base's article when one matches, else the
 * intent's template. A question no article answered is queued for the admins.
 */
export const policy: Handler = {
  intents: [
    'check_refund_policy',
    'delivery_options',
    'delivery_period',
    'check_payment_methods',
    'check_cancellation_fee',
    'set_up_shipping_address',
    'place_order',
    'review',
    'create_account',
    'registration_problems',
    'edit_account',
    'switch_account',
    'recover_password',
    'newsletter_subscription',
    'check_invoice',
    'get_invoice',
    'repair_warranty',
    'product_quality',
  ],
  slots: ['order_number', 'product_query'],
  async handle(t) {
    t.state.awaiting = null;
    // The intent is known and has its own answer: an article must match clearly to be preferred.
    if (await answerFromKnowledge(t, { minScore: POLICY_ARTICLE_SCORE })) return;
    await t.reply(t.intent, POLICY_VARS);
  },
};

export const humanRequest: Handler = {
  intents: ['contact_human_agent'],
  slots: [],
  async handle(t) {
    await t.reply('contact_human_agent');
    t.handOff('customer_request');
  },
};

export const contactService: Handler = {
  intents: ['contact_customer_service'],
  slots: [],
  async handle(t) {
    if (await answerFromKnowledge(t)) return;
    await t.reply('contact_customer_service');
  },
};

export const complaint: Handler = {
  intents: ['complaint'],
  slots: ['order_number'],
  async handle(t) {
    await t.reply('complaint');
    const e = t.input.nlu.emotion;
    if ((e.label === 'angry' && e.score >= 0.6) || e.signals.some((s) => s.startsWith('threat'))) {
      await t.reply('handoff.transfer');
      t.handOff('negative_emotion');
    }
  },
};

export const privacy: Handler = {
  intents: ['data_privacy_request', 'delete_account'],
  slots: [],
  async handle(t) {
    if (t.intent === 'delete_account') {
      // Closing an account cannot be undone: confirm, then a colleague checks the identity.
      await t.confirm('delete_account', {}, { action: 'delete_account' });
      return;
    }
    await t.reply(t.intent);
    // Identity checks and erasure are done by the compliance team.
    t.handOff('policy');
  },
  async confirmed(t) {
    await t.reply('handoff.transfer');
    t.handOff('policy');
  },
};

export const greeting: Handler = {
  intents: ['greeting'],
  slots: [],
  async handle(t) {
    if (!t.input.alreadyGreeted) await t.reply('greeting');
  },
};

export const thanks: Handler = {
  intents: ['thanks_goodbye'],
  slots: [],
  async handle(t) {
    t.state.awaiting = null;
    await t.reply('thanks_goodbye');
  },
};

export const outOfScope: Handler = {
  intents: ['out_of_scope'],
  slots: [],
  async handle(t) {
    if (await answerFromKnowledge(t)) return;
    await t.reply('out_of_scope');
  },
};
