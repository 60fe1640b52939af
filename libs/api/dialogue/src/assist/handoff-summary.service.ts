import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ConversationStatus,
  HandoffRealtimeEvent,
  HandoffSummaryDto,
  HandoffSummarySource,
  NoteDto,
} from '@kefu/shared/contracts';
import { AdminGateway, ConversationAccess, Viewer } from '@kefu/api/conversations';
import { LlmRuntime } from '@kefu/api/llm';
import type { HandoffSummaryBody } from '../entities/handoff-summary.entity';
import { ContactProfileService } from '../profile/contact-profile.service';
import { DialogueStateStore } from '../state/dialogue-state.store';
import { DialogueTemplatesService } from '../templates/dialogue-templates.service';
import { claudeSummary, SummaryRejectedError } from './claude-summary';
import { mainIntent, offlineSummary, summaryNoteText } from './offline-summary';
import { SummaryContext, SummaryContextReader } from './summary-context';

/** A summary as written, before it is stored. */
export interface WrittenSummary {
  body: HandoffSummaryBody;
  source: HandoffSummarySource;
  context: SummaryContext;
}

interface StoredRow {
  id: string;
  conversation_id: string;
  handoff_at: Date;
  language: 'zh' | 'en' | 'ja';
  source: HandoffSummarySource;
  summary: HandoffSummaryBody;
  note_id: string | null;
  updated_at: Date;
}

/** Conversations whose hand-off is current: a summary is kept for it. */
const HANDED_OFF = new Set<string>([ConversationStatus.PendingHuman, ConversationStatus.Human]);

/**
 * The hand-off summary for the agent: what the shopper wants, what the bot tried, the facts and the mood,
 * in the shopper's language. Claude writes it when it is on for the conversation (the transcript redacted
 * before it leaves, restored in the answer); otherwise, or on any failure, Kefu writes it from its own
 * records. One summary is stored per hand-off, with an internal note (kind `summary`) the workspace shows.
 */
@Injectable()
export class HandoffSummaryService {
  private readonly log = new Logger(HandoffSummaryService.name);
  private readonly reader: SummaryContextReader;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    store: DialogueStateStore,
    templates: DialogueTemplatesService,
    profiles: ContactProfileService,
    private readonly access: ConversationAccess,
    private readonly gateway: AdminGateway,
    @Optional() private readonly runtime?: LlmRuntime,
  ) {
    this.reader = new SummaryContextReader(db, store, templates, profiles);
  }

  /** The summary of a conversation as it stands now (nothing stored). */
  async summarize(conversationId: string): Promise<WrittenSummary> {
    const context = await this.reader.load(conversationId);
    return { ...(await this.compose(context)), context };
  }

  /** GET: the stored summary of the current hand-off; else one written now (and stored when handed off). 404/403 first. */
  async forViewer(conversationId: string, viewer: Viewer): Promise<HandoffSummaryDto> {
    const c = await this.assertAccess(conversationId, viewer);
    if (c.handoffAt) {
      const stored = await this.stored(c.id, c.handoffAt);
      if (stored) return toDto(stored);
    }
    const written = await this.summarize(c.id);
    if (c.handoffAt && HANDED_OFF.has(c.status)) {
      await this.save(written, c.handoffAt, 'keep');
      const stored = await this.stored(c.id, c.handoffAt);
      if (stored) return toDto(stored);
    }
    return dtoOf(written, c.handoffAt, new Date());
  }

  /** POST: writes the summary again (Claude or offline, as now) and replaces the stored one and its note. */
  async refresh(conversationId: string, viewer: Viewer): Promise<HandoffSummaryDto> {
    const c = await this.assertAccess(conversationId, viewer);
    const written = await this.summarize(c.id);
    if (!c.handoffAt || !HANDED_OFF.has(c.status)) return dtoOf(written, c.handoffAt, new Date());
    await this.save(written, c.handoffAt, 'replace');
    const stored = await this.stored(c.id, c.handoffAt);
    return stored ? toDto(stored) : dtoOf(written, c.handoffAt, new Date());
  }

  /**
   * The job after a hand-off: writes the summary and its note once. Quietly does nothing when the
   * conversation was handed back or handed off again since (another job covers that), or when the
   * summary is already there (a retried or duplicated job). Returns whether it wrote.
   */
  async writeForHandoff(conversationId: string, handoffAt: Date): Promise<boolean> {
    const current = async () => {
      const [c] = (await this.db.query(`SELECT status, handoff_at FROM conversations WHERE id = $1`, [
        conversationId,
      ])) as {
        status: string;
        handoff_at: Date | null;
      }[];
      return (
        !!c &&
        HANDED_OFF.has(c.status) &&
        !!c.handoff_at &&
        new Date(c.handoff_at).getTime() === handoffAt.getTime()
      );
    };
    if (!(await current()) || (await this.stored(conversationId, handoffAt))) return false;
    const written = await this.summarize(conversationId);
    return this.save(written, handoffAt, 'keep');
  }

  /** Claude's summary when Claude is on for this conversation and answers well; else Kefu's own. */
  private async compose(
    ctx: SummaryContext,
  ): Promise<{ body: HandoffSummaryBody; source: HandoffSummarySource }> {
    const offline = offlineSummary(ctx);
    if (!this.runtime) return { body: offline, source: 'offline' };
    try {
      const handle = await this.runtime.resolve({
        purpose: 'handoff_summary',
        channel: ctx.channel,
        region: ctx.region,
        intent: mainIntent(ctx),
      });
      if (!handle.ok) return { body: offline, source: 'offline' };
      return { body: await claudeSummary(handle.client, ctx, offline, handle.mask), source: 'claude' };
    } catch (err) {
      // Names and reasons only: the error of a rejected answer never carries its text.
      const why =
        err instanceof SummaryRejectedError || (err as Error).name === 'LlmUnavailableError'
          ? (err as Error).message
          : (err as Error).name;
      this.log.warn(`hand-off summary for ${ctx.conversationId} written offline: ${why}`);
      return { body: offline, source: 'offline' };
    }
  }

  /**
   * Stores the summary of one hand-off with its note, in one transaction. `keep`: a summary already
   * stored stays (returns false); `replace`: it is overwritten and its note's text with it. The note is
   * pushed to the agents who may see the conversation after commit.
   */
  private async save(w: WrittenSummary, handoffAt: Date, mode: 'keep' | 'replace'): Promise<boolean> {
    const ctx = w.context;
    const text = summaryNoteText(w.body, ctx.language);
    const noteId = await this.db.transaction(async (em) => {
      const inserted = (await em.query(
        `INSERT INTO handoff_summaries (conversation_id, handoff_at, language, source, summary)
         VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (conversation_id, handoff_at) DO NOTHING RETURNING id`,
        [ctx.conversationId, handoffAt, ctx.language, w.source, JSON.stringify(w.body)],
      )) as { id: string }[];
      if (inserted.length) {
        const [note] = (await em.query(
          `INSERT INTO conversation_notes (conversation_id, author_id, text, kind) VALUES ($1, NULL, $2, 'summary') RETURNING id`,
          [ctx.conversationId, text],
        )) as { id: string }[];
        await em.query(`UPDATE handoff_summaries SET note_id = $2 WHERE id = $1`, [inserted[0].id, note.id]);
        return note.id;
      }
      if (mode === 'keep') return null;
      // A CTE: a bare UPDATE … RETURNING comes back from the driver as [rows, count].
      const [row] = (await em.query(
        `WITH updated AS (
           UPDATE handoff_summaries SET language = $3, source = $4, summary = $5::jsonb, updated_at = now()
            WHERE conversation_id = $1 AND handoff_at = $2 RETURNING note_id
         ) SELECT note_id FROM updated`,
        [ctx.conversationId, handoffAt, ctx.language, w.source, JSON.stringify(w.body)],
      )) as { note_id: string | null }[];
      if (!row?.note_id) return null;
      await em.query(`UPDATE conversation_notes SET text = $2 WHERE id = $1`, [row.note_id, text]);
      return row.note_id;
    });
    if (!noteId) return false;
    await this.announce(noteId);
    return true;
  }

  /** Pushes the note to the agents who may see its conversation (the workspace merges it by id). */
  private async announce(noteId: string): Promise<void> {
    const [r] = (await this.db.query(
      `SELECT n.id, n.conversation_id, n.text, n.kind, n.created_at, c.team_id, c.assignee_id
         FROM conversation_notes n JOIN conversations c ON c.id = n.conversation_id WHERE n.id = $1`,
      [noteId],
    )) as {
      id: string;
      conversation_id: string;
      text: string;
      kind: 'summary';
      created_at: Date;
      team_id: string | null;
      assignee_id: string | null;
    }[];
    if (!r) return;
    const note: NoteDto = {
      id: r.id,
      conversationId: r.conversation_id,
      text: r.text,
      author: null,
      createdAt: new Date(r.created_at).toISOString(),
      kind: r.kind,
    };
    this.gateway.emitAbout(
      { teamId: r.team_id, assigneeId: r.assignee_id },
      HandoffRealtimeEvent.NoteCreated,
      {
        conversationId: r.conversation_id,
        note,
      },
    );
  }

  private async stored(conversationId: string, handoffAt: Date): Promise<StoredRow | null> {
    const rows = (await this.db.query(
      `SELECT id, conversation_id, handoff_at, language, source, summary, note_id, updated_at
         FROM handoff_summaries WHERE conversation_id = $1 AND handoff_at = $2`,
      [conversationId, handoffAt],
    )) as StoredRow[];
    return rows[0] ?? null;
  }

  /** 404 for an unknown conversation, 403 outside the viewer's scope (as for suggestions). */
  private async assertAccess(conversationId: string, viewer: Viewer) {
    const ctx = await this.reader.conversation(conversationId);
    this.access.assert(await this.access.scopeOf(viewer), ctx);
    return ctx;
  }
}

function toDto(r: StoredRow): HandoffSummaryDto {
  return {
    conversationId: r.conversation_id,
    ...r.summary,
    source: r.source,
    language: r.language,
    handoffAt: new Date(r.handoff_at).toISOString(),
    createdAt: new Date(r.updated_at).toISOString(),
  };
}

function dtoOf(w: WrittenSummary, handoffAt: Date | null, at: Date): HandoffSummaryDto {
  return {
    conversationId: w.context.conversationId,
    ...w.body,
    source: w.source,
    language: w.context.language,
    handoffAt: handoffAt ? handoffAt.toISOString() : null,
    createdAt: at.toISOString(),
  };
}
