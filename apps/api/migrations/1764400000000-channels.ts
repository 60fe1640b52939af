import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channels: per-channel inbox settings and credentials (widget, WeChat, email), read receipts,
 * shopper uploads from the widget, verified keys that link one shopper's identities across channels,
 * and outbound webhooks with their deliveries (the dead-letter list is the deliveries that gave up).
 */
export class Channels1764400000000 implements MigrationInterface {
  name = 'Channels1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE inboxes
        ADD COLUMN settings jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN credentials jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE messages ADD COLUMN read_at timestamptz NULL`);

    await q.query(`
      CREATE TABLE contact_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('email','phone','wechat_unionid','customer')),
        value text NOT NULL,
        source_inbox_id uuid NULL REFERENCES inboxes(id) ON DELETE SET NULL,
        verified_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_contact_keys_kind_value UNIQUE (kind, value)
      )`);
    await q.query(`CREATE INDEX ix_contact_keys_contact ON contact_keys (contact_id)`);

    await q.query(`
      CREATE TABLE uploads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        inbox_id uuid NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        content_type text NOT NULL,
        name text NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_uploads_contact ON uploads (contact_id)`);

    await q.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        events text[] NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        event text NOT NULL,
        event_key text NOT NULL,
        conversation_id uuid NULL REFERENCES conversations(id) ON DELETE CASCADE,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','delivered','dead')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text NULL,
        response_status integer NULL,
        delivered_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_webhook_deliveries_event UNIQUE (webhook_id, event_key)
      )`);
    await q.query(`CREATE INDEX ix_webhook_deliveries_status ON webhook_deliveries (status, created_at) WHERE status <> 'delivered'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`DROP TABLE IF EXISTS webhooks`);
    await q.query(`DROP TABLE IF EXISTS uploads`);
    await q.query(`DROP TABLE IF EXISTS contact_keys`);
    await q.query(`ALTER TABLE messages DROP COLUMN IF EXISTS read_at`);
    await q.query(`ALTER TABLE inboxes DROP COLUMN IF EXISTS credentials, DROP COLUMN IF EXISTS settings`);
  }
}
