import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dialogue engine: reply templates (key × locale × optional region, versioned) and the
 * per-conversation dialogue state (intent, slots, pending question, counters, context).
 */
export class Dialogue1764200000000 implements MigrationInterface {
  name = 'Dialogue1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dialogue_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CHECK (key ~ '^[a-z0-9_]+(\\.[a-z0-9_]+)*$'),
        locale text NOT NULL CHECK (locale IN ('zh-CN','en','ja')),
        region text NULL CHECK (region IS NULL OR region = upper(region)),
        text text NOT NULL,
        quick_replies jsonb NULL,
        version integer NOT NULL DEFAULT 1,
        updated_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One template per key, locale and region; the lookup on the reply path uses it too.
    await q.query(
      `CREATE UNIQUE INDEX uq_dialogue_templates_key ON dialogue_templates (key, locale, (coalesce(region, '')))`,
    );

    await q.query(`
      CREATE TABLE dialogue_states (
        conversation_id uuid PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
        active_intent text NULL,
        slots jsonb NOT NULL DEFAULT '{}',
        awaiting text NULL,
        turn_count integer NOT NULL DEFAULT 0,
        misunderstandings integer NOT NULL DEFAULT 0,
        last_order_number text NULL,
        last_product_id text NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS dialogue_states`);
    await q.query(`DROP TABLE IF EXISTS dialogue_templates`);
  }
}
