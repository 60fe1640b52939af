import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Help for agents (issue 8, libs/api/dialogue/src/assist):
 * - `handoff_summaries`: the summary written for each hand-off (what the shopper wants, what the bot tried,
 *   facts, mood), one per (conversation, hand-off time) so a retried job writes it once;
 * - `conversation_notes.kind`: notes Kefu writes itself (`summary`), shown as such in the workspace.
 */
export class Assist1764600000001 implements MigrationInterface {
  name = 'Assist1764600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conversation_notes ADD COLUMN kind text NULL CHECK (kind IN ('summary'))`);
    await q.query(`
      CREATE TABLE handoff_summaries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        handoff_at timestamptz NOT NULL,
        language text NOT NULL CHECK (language IN ('zh','en','ja')),
        source text NOT NULL CHECK (source IN ('claude','offline')),
        summary jsonb NOT NULL,
        note_id uuid NULL REFERENCES conversation_notes(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_handoff_summaries_handoff UNIQUE (conversation_id, handoff_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS handoff_summaries`);
    await q.query(`ALTER TABLE conversation_notes DROP COLUMN IF EXISTS kind`);
  }
}
