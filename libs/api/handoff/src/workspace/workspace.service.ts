import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueItemDto, queueQuerySchema } from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { AuthUser } from '@kefu/api/identity';
import { ConversationAccess } from '@kefu/api/conversations';
import { QueueItemRow, SELECT_QUEUE_ITEM, toQueueItemDto } from './queue-items';

/** How long resolved conversations stay in the `all` view. */
const RESOLVED_VISIBLE_HOURS = 24;

/**
 * The workspace queue: conversations waiting for or owned by humans, within the viewer's scope,
 * most urgent first and, within a priority, waiting longest first.
 */
@Injectable()
export class WorkspaceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
  ) {}

  async queue(query: unknown, user: AuthUser): Promise<QueueItemDto[]> {
    const q = parseWith(queueQuerySchema, query, 'query');
    const scope = await this.access.scopeOf(user);
    const params: unknown[] = [];
    const where: string[] = [];
    const scoped = this.access.sql(scope, params);
    if (scoped) where.push(scoped);
    switch (q.view) {
      case 'waiting':
        where.push(`c.status = 'pending_human'`);
        break;
      case 'mine':
        where.push(
          `c.status IN ('pending_human', 'human') AND c.assignee_id = $${params.push(user.id)}::uuid`,
        );
        break;
      case 'open':
        where.push(`c.status IN ('pending_human', 'human')`);
        break;
      case 'all':
        where.push(
          `(c.status IN ('pending_human', 'human') OR (c.status = 'resolved' AND c.handoff_at IS NOT NULL AND c.updated_at > now() - interval '${RESOLVED_VISIBLE_HOURS} hours'))`,
        );
        break;
    }
    if (q.teamId) where.push(`c.team_id = $${params.push(q.teamId)}::uuid`);
    const rows: QueueItemRow[] = await this.db.query(
      `${SELECT_QUEUE_ITEM} WHERE ${where.join(' AND ')}
       ORDER BY (c.status = 'resolved'), c.priority DESC, c.handoff_at ASC NULLS LAST, c.id
       LIMIT ${q.limit}`,
      params,
    );
    const now = new Date();
    return rows.map((r) => toQueueItemDto(r, now));
  }
}
