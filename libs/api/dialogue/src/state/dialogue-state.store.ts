import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StaleTurnError } from '@kefu/api/conversations';
import { DialogueContext, DialogueState, emptyState, Slots } from './slots';

/** Another turn of the same conversation saved the state first; reload and apply the turn again. */
export class StaleDialogueStateError extends StaleTurnError {
  constructor(
    readonly conversationId: string,
    readonly expectedVersion: number,
  ) {
    super(`dialogue state of conversation ${conversationId} changed since version ${expectedVersion}`);
  }
}

interface StateRow {
  conversation_id: string;
  active_intent: string | null;
  slots: Slots;
  awaiting: string | null;
  turn_count: number;
  misunderstandings: number;
  last_order_number: string | null;
  last_product_id: string | null;
  context: DialogueContext;
  version: number;
  updated_at: Date;
}

const COLUMNS = `conversation_id, active_intent, slots, awaiting, turn_count, misunderstandings,
  last_order_number, last_product_id, context, version, updated_at`;

function fromRow(r: StateRow): DialogueState {
  return {
    conversationId: r.conversation_id,
    activeIntent: r.active_intent,
    slots: r.slots ?? {},
    awaiting: r.awaiting,
    turnCount: r.turn_count,
    misunderstandings: r.misunderstandings,
    lastOrderNumber: r.last_order_number,
    lastProductId: r.last_product_id,
    context: r.context ?? {},
    version: r.version,
    updatedAt: new Date(r.updated_at),
  };
}

/**
 * The dialogue state of each conversation, read and written with the caller's transaction manager
 * (the turn's reply and its new state commit together; the embedded database has one connection).
 * Saves are optimistic: a save based on an outdated version throws StaleDialogueStateError.
 */
@Injectable()
export class DialogueStateStore {
  /** The state, or a fresh one (version 0) for a conversation the bot has not talked in yet. */
  async load(
    em: EntityManager,
    conversationId: string,
    opts: { forUpdate?: boolean } = {},
  ): Promise<DialogueState> {
    const rows = (await em.query(
      `SELECT ${COLUMNS} FROM dialogue_states WHERE conversation_id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`,
      [conversationId],
    )) as StateRow[];
    return rows.length ? fromRow(rows[0]) : emptyState(conversationId);
  }

  /** Writes `state` if nobody saved since it was loaded; returns it with its new version. */
  async save(em: EntityManager, state: DialogueState): Promise<DialogueState> {
    const params = [
      state.conversationId,
      state.activeIntent,
      JSON.stringify(state.slots ?? {}),
      state.awaiting,
      state.turnCount,
      state.misunderstandings,
      state.lastOrderNumber,
      state.lastProductId,
      JSON.stringify(state.context ?? {}),
    ];
    const rows = (
      state.version === 0
        ? await em.query(
            `INSERT INTO dialogue_states (conversation_id, active_intent, slots, awaiting, turn_count,
               misunderstandings, last_order_number, last_product_id, context, version, updated_at)
             VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9::jsonb, 1, now())
             ON CONFLICT (conversation_id) DO NOTHING
             RETURNING ${COLUMNS}`,
            params,
          )
        : await em.query(
            `UPDATE dialogue_states SET active_intent = $2, slots = $3::jsonb, awaiting = $4, turn_count = $5,
               misunderstandings = $6, last_order_number = $7, last_product_id = $8, context = $9::jsonb,
               version = version + 1, updated_at = now()
             WHERE conversation_id = $1 AND version = $10
             RETURNING ${COLUMNS}`,
            [...params, state.version],
          )
    ) as StateRow[] | [StateRow[], number];
    const saved = normalise(rows);
    if (!saved) throw new StaleDialogueStateError(state.conversationId, state.version);
    return fromRow(saved);
  }

  /** Forgets a conversation's state (the conversation was resolved or erased). */
  async clear(em: EntityManager, conversationId: string): Promise<void> {
    await em.query(`DELETE FROM dialogue_states WHERE conversation_id = $1`, [conversationId]);
  }
}

/** TypeORM returns `[rows, count]` for UPDATE … RETURNING on PostgreSQL and plain rows for INSERT. */
function normalise(result: StateRow[] | [StateRow[], number]): StateRow | undefined {
  if (Array.isArray(result[0])) return (result[0] as StateRow[])[0];
  return (result as StateRow[])[0];
}
