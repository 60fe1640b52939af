import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claude (libs/api/llm):
 * - llm_settings: one row with the admins' settings and the API key sealed by the server's secret;
 * - llm_usage: every call's tokens, latency, cost and outcome (no text), read by day for the budget and
 *   the usage report;
 * - llm_training_candidates: messages Claude classified differently from the offline engine, one per
 *   message, for an admin to accept as training data or dismiss.
 */
export class Llm1764600000000 implements MigrationInterface {
  name = 'Llm1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE llm_settings (
        id smallint PRIMARY KEY CHECK (id = 1),
        settings jsonb NOT NULL DEFAULT '{}',
        api_key_enc text,
        key_last4 text,
        version integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE llm_usage (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        purpose text NOT NULL,
        model text NOT NULL,
        input_tokens integer NOT NULL DEFAULT 0,
        output_tokens integer NOT NULL DEFAULT 0,
        cache_read_tokens integer NOT NULL DEFAULT 0,
        cache_write_tokens integer NOT NULL DEFAULT 0,
        latency_ms integer NOT NULL DEFAULT 0,
        cost_usd numeric(12,6) NOT NULL DEFAULT 0,
        outcome text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        conversation_id uuid
      )`);
    // The day's spending (the budget) and the usage report both read a range of `at`.
    await q.query(`CREATE INDEX ix_llm_usage_at ON llm_usage (at)`);
    await q.query(`
      CREATE TABLE llm_training_candidates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        text text NOT NULL,
        language text NOT NULL,
        offline_intent text NOT NULL,
        offline_confidence real NOT NULL,
        llm_intent text NOT NULL,
        llm_confidence real NOT NULL,
        conversation_id uuid,
        message_id uuid,
        -- Erasing the shopper erases their candidates.
        contact_id uuid REFERENCES contacts(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new','accepted','dismissed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_llm_training_candidates_message UNIQUE (message_id)
      )`);
    // The admin's list: newest first within a status.
    await q.query(
      `CREATE INDEX ix_llm_training_candidates_status ON llm_training_candidates (status, created_at DESC, id DESC)`,
    );
    // The cascade from contacts, and a data subject's export, find their candidates.
    await q.query(
      `CREATE INDEX ix_llm_training_candidates_contact ON llm_training_candidates (contact_id) WHERE contact_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS llm_training_candidates`);
    await q.query(`DROP TABLE IF EXISTS llm_usage`);
    await q.query(`DROP TABLE IF EXISTS llm_settings`);
  }
}
