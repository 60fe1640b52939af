import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandoffRealtimeEvent, NoteDto, noteInputSchema, NoteKind } from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { AuthUser } from '@kefu/api/identity';
import { AdminGateway, ConversationAccess } from '@kefu/api/conversations';
import { isUuid } from '@kefu/api/platform/http';

interface NoteRow {
  id: string;
  conversation_id: string;
  text: string;
  author_id: string | null;
  author_name: string | null;
  kind: NoteKind | null;
  created_at: Date;
}

const toNoteDto = (r: NoteRow): NoteDto => ({
  id: r.id,
  conversationId: r.conversation_id,
  text: r.text,
  author: r.author_id ? { id: r.author_id, name: r.author_name ?? '' } : null,
  createdAt: new Date(r.created_at).toISOString(),
  kind: r.kind ?? null,
});

const SELECT_NOTES = `SELECT n.id, n.conversation_id, n.text, n.author_id, u.name AS author_name, n.kind, n.created_at
  FROM conversation_notes n LEFT JOIN users u ON u.id = n.author_id`;

/** Agents' internal notes on a conversation. They never reach the shopper (no message, no channel). */
@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
    private readonly gateway: AdminGateway,
  ) {}

  async list(conversationId: string, user: AuthUser): Promise<NoteDto[]> {
    await this.audienceOf(conversationId, user);
    const rows: NoteRow[] = await this.db.query(
      `${SELECT_NOTES} WHERE n.conversation_id = $1 ORDER BY n.created_at, n.id LIMIT 500`,
      [conversationId],
    );
    return rows.map(toNoteDto);
  }

  async add(conversationId: string, body: unknown, user: AuthUser): Promise<NoteDto> {
    const { text } = parseWith(noteInputSchema, body);
    const audience = await this.audienceOf(conversationId, user);
    const [{ id }]: { id: string }[] = await this.db.query(
      `INSERT INTO conversation_notes (conversation_id, author_id, text) VALUES ($1, $2, $3) RETURNING id`,
      [conversationId, user.id, text],
    );
    const [row]: NoteRow[] = await this.db.query(`${SELECT_NOTES} WHERE n.id = $1`, [id]);
    const note = toNoteDto(row);
    this.gateway.emitAbout(audience, HandoffRealtimeEvent.NoteCreated, { conversationId, note });
    return note;
  }

  /** 404 for an unknown conversation, 403 outside the viewer's scope; who may hear about it. */
  private async audienceOf(conversationId: string, user: AuthUser) {
    const rows: { team_id: string | null; assignee_id: string | null }[] = isUuid(conversationId)
      ? await this.db.query(`SELECT team_id, assignee_id FROM conversations WHERE id = $1`, [conversationId])
      : [];
    if (!rows.length) throw new NotFoundException(`conversation ${conversationId} does not exist`);
    const audience = { id: conversationId, teamId: rows[0].team_id, assigneeId: rows[0].assignee_id };
    this.access.assert(await this.access.scopeOf(user), audience);
    return audience;
  }
}
