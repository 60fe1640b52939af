import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SuggestionDto } from '@kefu/shared/contracts';
import { COMMERCE_CONNECTOR, CommerceConnector } from '@kefu/api/commerce';
import { ConversationAccess, Viewer } from '@kefu/api/conversations';
import { KnowledgeService } from '@kefu/api/knowledge';
import { NluService } from '@kefu/api/nlu';
import { DialogueEngine } from '../engine/dialogue-engine';
import type { Turn } from '../engine/turn';
import { hasWords, Lang, localeOf, pickLang, regionOf, TIMEZONES } from '../engine/vocab';
import { ContactProfileService } from '../profile/contact-profile.service';
import { DialogueStateStore } from '../state/dialogue-state.store';
import { DialogueTemplatesService } from '../templates/dialogue-templates.service';
import { DryRunActionError, dryRunCommerce } from './dry-run-commerce';
import { AssistConversation, AssistMessage, AssistReader } from './message-context';
import { flattenReplies, MAX_ARTICLES, mergeSuggestions, MIN_ARTICLE_SCORE, withGenerated } from './suggestion-text';

/**
 * The seam for generated suggestions (Claude, issue 8: `ClaudeSuggester`): its answers are offered right
 * after the bot's own, before the articles. Asked every time, within {@link GENERATED_TIME_BOX_MS}.
 */
export const LLM_SUGGESTER = Symbol('LLM_SUGGESTER');
export interface LlmSuggestInput {
  conversationId: string;
  contactId: string;
  messageId: string;
  /** The shopper's latest message. */
  text: string;
  language: Lang;
  intent: string;
  channel: string;
  region: string | null;
  /** The knowledge-base articles that match the message (already found for the panel). */
  articles: SuggestionDto[];
}
export interface LlmSuggester {
  suggest(input: LlmSuggestInput): Promise<SuggestionDto[]>;
}

/** The panel never waits longer than this for generated suggestions: it answers with what it has. */
export const GENERATED_TIME_BOX_MS = 8_000;

/** Turn outcomes whose replies are worth offering an agent (not "sorry, I did not understand"). */
const USEFUL_OUTCOMES = new Set(['answered', 'asked', 'refused', 'not_found']);

/**
 * Suggested replies for the agent working a conversation: what the bot would answer the shopper's
 * latest message (the dialogue engine in a dry run: the saved state is read, never written; the
 * shop's actions are not taken), and the knowledge-base articles that match it.
 */
@Injectable()
export class SuggestionsService {
  private readonly log = new Logger(SuggestionsService.name);
  private readonly engine: DialogueEngine;
  private readonly reader: AssistReader;

  constructor(
    @InjectDataSource() db: DataSource,
    store: DialogueStateStore,
    private readonly access: ConversationAccess,
    private readonly nlu: NluService,
    private readonly templates: DialogueTemplatesService,
    private readonly knowledge: KnowledgeService,
    profiles: ContactProfileService,
    @Inject(COMMERCE_CONNECTOR) commerce: CommerceConnector,
    @Optional() @Inject(LLM_SUGGESTER) private readonly llm?: LlmSuggester,
  ) {
    this.reader = new AssistReader(db, store);
    this.engine = new DialogueEngine({
      templates,
      commerce: dryRunCommerce(commerce),
      knowledge,
      profile: (contactId, customerRef) => profiles.profile(contactId, customerRef),
    });
  }

  async forConversation(conversationId: string, viewer: Viewer): Promise<SuggestionDto[]> {
    const conversation = await this.reader.conversation(conversationId);
    this.access.assert(await this.access.scopeOf(viewer), conversation);
    const message = await this.reader.lastIncoming(conversation.id);
    if (!message) return [];
    const text = (typeof message.metadata?.['quickReply'] === 'string' ? (message.metadata['quickReply'] as string) : message.text).trim();
    if (!text) return [];

    const state = await this.reader.state(conversation.id);
    const guessRegion = regionOf(message.locale, state.context.language ?? 'zh');
    const nlu = await this.nlu.parse(text, {
      now: message.sentAt.toISOString(),
      language: state.context.language,
      timezone: TIMEZONES[guessRegion ?? 'CN'] ?? 'Asia/Shanghai',
    });
    const lang = pickLang(hasWords(text, nlu.entities) ? nlu.language : 'und', state.context.language, message.locale);
    const region = regionOf(message.locale, lang);
    const locale = localeOf(lang);
    const intent = nlu.intent;

    const found = this.articles(text, locale, region);
    const llm = this.llm;
    const [bot, articles, generated] = await Promise.all([
      this.botAnswer(conversation, message, text, nlu, state, lang, region),
      found,
      llm
        ? found.then((articles) =>
            timeBoxed(
              llm.suggest({
                conversationId: conversation.id,
                contactId: conversation.contactId,
                messageId: message.id,
                text,
                language: lang,
                intent,
                channel: conversation.channel,
                region,
                articles,
              }),
              GENERATED_TIME_BOX_MS,
              (why) => this.log.warn(`generated suggestions for ${conversation.id} left out: ${why}`),
            ),
          )
        : Promise.resolve([]),
    ]);
    return withGenerated(mergeSuggestions(bot, articles), generated);
  }

  /** One dialogue turn over the latest message, with nothing saved and no action taken in the shop. */
  private async botAnswer(
    conversation: AssistConversation,
    message: AssistMessage,
    text: string,
    nlu: Awaited<ReturnType<NluService['parse']>>,
    state: Awaited<ReturnType<AssistReader['state']>>,
    lang: Lang,
    region: string | null,
  ): Promise<SuggestionDto | null> {
    const locale = localeOf(lang);
    let turn: Turn;
    try {
      turn = await this.engine.turn({
        conversationId: conversation.id,
        contactId: conversation.contactId,
        messageId: message.id,
        channel: conversation.channel,
        text,
        nlu: structuredClone(nlu),
        state: { ...state, context: { ...state.context, language: lang } },
        locale,
        region,
        timezone: TIMEZONES[region ?? 'CN'] ?? 'Asia/Shanghai',
        verifiedCustomerRef: await this.reader.customerRef(conversation, message),
        page: {
          productId: typeof message.metadata?.['productId'] === 'string' ? (message.metadata['productId'] as string) : undefined,
          orderId: typeof message.metadata?.['orderId'] === 'string' ? (message.metadata['orderId'] as string) : undefined,
        },
        now: new Date(),
        alreadyGreeted: true,
      });
    } catch (err) {
      // The answer needs the shop to act (a return, a cancellation): offer the intent's own template.
      if (err instanceof DryRunActionError) return this.intentTemplate(nlu.intent, locale, region);
      this.log.warn(`no bot suggestion: ${(err as Error).message}`);
      return null;
    }
    if (turn.handoff || !USEFUL_OUTCOMES.has(turn.outcome)) return null;
    const answer = flattenReplies(turn.replies, lang);
    return answer ? { text: answer, source: 'template', ref: turn.intent, label: turn.intent } : null;
  }

  private async intentTemplate(intent: string, locale: ReturnType<typeof localeOf>, region: string | null): Promise<SuggestionDto | null> {
    try {
      const r = await this.templates.render(intent, {}, { locale, region });
      return r.text.trim() ? { text: r.text.trim(), source: 'template', ref: intent, label: intent } : null;
    } catch {
      return null;
    }
  }

  /** Up to two answerable articles matching the message. */
  private async articles(text: string, locale: string, region: string | null): Promise<SuggestionDto[]> {
    const hits = await this.knowledge.search(text, { locale, region: region ?? undefined, limit: 5 });
    const good = hits.filter((h) => h.answerable && h.score >= MIN_ARTICLE_SCORE).slice(0, MAX_ARTICLES);
    const out: SuggestionDto[] = [];
    for (const h of good) {
      const a = await this.knowledge.getArticle(h.articleId).catch(() => null);
      if (a?.answer.trim()) out.push({ text: a.answer.trim(), source: 'knowledge', ref: String(a.id), label: a.title });
    }
    return out;
  }
}

/** `work`'s answer, or nothing once `ms` have passed or when it fails (suggestions are a help, never a wait). */
function timeBoxed(
  work: Promise<SuggestionDto[]>,
  ms: number,
  onGiveUp: (why: string) => void,
): Promise<SuggestionDto[]> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      onGiveUp(`no answer within ${ms} ms`);
      resolve([]);
    }, ms);
    work.then(
      (list) => {
        clearTimeout(timer);
        resolve(list);
      },
      (err: unknown) => {
        clearTimeout(timer);
        onGiveUp(err instanceof Error ? err.name : 'failed');
        resolve([]);
      },
    );
  });
}
