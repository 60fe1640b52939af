import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The offline language engine: custom intents and overrides of built-in ones (the built-in taxonomy
 * ships with the code), examples added by admins, versioned models and training runs.
 */
export class Nlu1763900000000 implements MigrationInterface {
  name = 'Nlu1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE nlu_intents (
        name text PRIMARY KEY,
        description text NOT NULL DEFAULT '',
        builtin boolean NOT NULL DEFAULT false,
        enabled boolean NOT NULL DEFAULT true,
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE nlu_examples (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        intent text NOT NULL,
        text text NOT NULL,
        language text NOT NULL,
        source text NOT NULL DEFAULT 'admin',
        contact_id uuid NULL REFERENCES contacts(id) ON DELETE CASCADE,
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_nlu_examples_intent_text UNIQUE (intent, text)
      )`);
    await q.query(`CREATE INDEX idx_nlu_examples_intent ON nlu_examples (intent, created_at DESC)`);
    await q.query(`
      CREATE TABLE nlu_models (
        version serial PRIMARY KEY,
        status text NOT NULL,
        data bytea NULL,
        data_hash text NOT NULL,
        builtin_hash text NOT NULL,
        size_bytes integer NOT NULL,
        intents integer NOT NULL,
        examples integer NOT NULL,
        training_ms integer NOT NULL,
        metrics jsonb NOT NULL DEFAULT '{}',
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_nlu_models_status CHECK (status IN ('active', 'ready', 'retired'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_nlu_models_one_active ON nlu_models (status) WHERE status = 'active'`,
    );
    await q.query(`
      CREATE TABLE nlu_training_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL,
        progress real NOT NULL DEFAULT 0,
        stage text NOT NULL DEFAULT 'queued',
        model_version integer NULL REFERENCES nlu_models(version) ON DELETE SET NULL,
        error text NULL,
        requested_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz NULL,
        finished_at timestamptz NULL,
        CONSTRAINT ck_nlu_training_runs_status CHECK (status IN ('queued', 'running', 'succeeded', 'failed'))
      )`);
    await q.query(`CREATE INDEX idx_nlu_training_runs_created ON nlu_training_runs (created_at DESC)`);
    // One retraining at a time: a second request while one is queued or running gets that one.
    await q.query(
      `CREATE UNIQUE INDEX uq_nlu_training_runs_one_pending ON nlu_training_runs ((true)) WHERE status IN ('queued', 'running')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE nlu_training_runs`);
    await q.query(`DROP TABLE nlu_models`);
    await q.query(`DROP TABLE nlu_examples`);
    await q.query(`DROP TABLE nlu_intents`);
  }
}
