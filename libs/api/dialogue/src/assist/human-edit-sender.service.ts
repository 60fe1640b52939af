import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ArticleStatus, HumanEditDto, NLU_EXAMPLES_SUBMITTED, NluExamplesSubmittedEvent, sendHumanEditSchema } from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { HumanEditsService } from '@kefu/api/handoff';
import { KnowledgeService } from '@kefu/api/knowledge';
import { NluService } from '@kefu/api/nlu';

/** Article titles are at most this long (the knowledge schema's limit). */
const TITLE_MAX = 300;
/** Training examples are at most this long (the NLU schema's limit). */
const EXAMPLE_MAX = 500;

const KNOWLEDGE_LOCALES: Record<string, string> = { zh: 'zh-CN', en: 'en', ja: 'ja' };
const bad = (path: string, message: string) => new BadRequestException({ statusCode: 400, message, issues: [{ path, message }] });

/**
 * A human edit (the agent's better answer) taught back to the bot: a draft knowledge article with
 * the shopper's question as its title and the edited text as its answer, or the question as a
 * labelled training example of the language engine. The edit is then marked as sent.
 *
 * Not atomic: neither the knowledge nor the NLU domain takes the caller's transaction, so the
 * article or example is created first and the edit marked second (a failure in between leaves
 * the edit `new`, to be sent again; the example insert ignores duplicates).
 */
@Injectable()
export class HumanEditSenderService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly edits: HumanEditsService,
    private readonly knowledge: KnowledgeService,
    private readonly nlu: NluService,
    private readonly events: EventEmitter2,
  ) {}

  async send(id: string, body: unknown, actorId: string | null): Promise<HumanEditDto> {
    const input = parseWith(sendHumanEditSchema, body ?? {});
    const edit = await this.edits.get(id);
    if (edit.status !== 'new') {
      throw new ConflictException(edit.status === 'dismissed' ? 'this edit was dismissed' : `this edit was already ${edit.status.replace(/_/g, ' ')}`);
    }
    const question = (edit.question ?? '').trim();
    if (input.target === 'knowledge') {
      const title = (input.title || question).slice(0, TITLE_MAX).trim();
      if (!title) throw bad('title', 'the shopper asked nothing in words: give the article a title');
      const article = await this.knowledge.createArticle(
        {
          title,
          questions: [],
          answer: edit.edited.trim(),
          locale: KNOWLEDGE_LOCALES[edit.language ?? ''] ?? 'zh-CN',
          tags: edit.intent ? [edit.intent] : [],
          status: ArticleStatus.Draft,
        },
        actorId,
      );
      return this.edits.markSent(edit.id, 'sent_to_knowledge', String(article.id), actorId);
    }

    const intent = input.intent ?? edit.intent;
    if (!intent) throw bad('intent', 'choose the intent this question is an example of');
    if (!question) throw bad('question', 'the shopper asked nothing in words: there is no example to add');
    if (!(await this.nlu.listIntents()).some((i) => i.name === intent)) throw bad('intent', `intent "${intent}" is not known`);
    const text = question.slice(0, EXAMPLE_MAX);
    const language = edit.language === 'zh' || edit.language === 'en' || edit.language === 'ja' ? edit.language : undefined;
    const contact = (await this.db.query(`SELECT contact_id FROM conversations WHERE id = $1`, [edit.conversationId])) as { contact_id: string }[];
    // The shopper travels with the example, so erasing them erases it too.
    await this.events.emitAsync(NLU_EXAMPLES_SUBMITTED, {
      intent,
      examples: [{ text, ...(language ? { language } : {}), ...(contact[0] ? { contactId: contact[0].contact_id } : {}) }],
      source: 'handoff.human_edits',
      retrain: false,
      submittedBy: actorId,
    } satisfies NluExamplesSubmittedEvent);
    const example = (await this.nlu.listExamples(intent, 'custom', 500)).find((e) => e.text === text);
    return this.edits.markSent(edit.id, 'sent_to_training', example?.id ?? null, actorId);
  }
}
