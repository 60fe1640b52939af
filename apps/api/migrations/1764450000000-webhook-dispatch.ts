import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks fan out from the committed events log: the dispatcher's cursor (the last event id it
 * has read, and the ids it skipped because their transaction had not committed yet) lives in one row.
 * It starts at the newest event, so an upgrade does not send the whole history. The delivery-failures
 * list reads failed outgoing messages newest first; a webhook's counts and last delivery, and the pruning of
 * delivered rows past their retention, have their indexes.
 */
export class WebhookDispatch1764450000000 implements MigrationInterface {
  name = 'WebhookDispatch1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_dispatch_state (
        id smallint PRIMARY KEY CHECK (id = 1),
        last_event_id bigint NOT NULL,
        gaps jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `INSERT INTO webhook_dispatch_state (id, last_event_id) SELECT 1, COALESCE(max(id), 0) FROM events`,
    );
    await q.query(
      `CREATE INDEX ix_messages_failed ON messages (updated_at DESC, id DESC) WHERE status = 'failed'`,
    );
    await q.query(
      `CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, status, delivered_at)`,
    );
    await q.query(
      `CREATE INDEX ix_webhook_deliveries_delivered ON webhook_deliveries (delivered_at) WHERE status = 'delivered'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_webhook_deliveries_delivered`);
    await q.query(`DROP INDEX IF EXISTS ix_webhook_deliveries_webhook`);
    await q.query(`DROP INDEX IF EXISTS ix_messages_failed`);
    await q.query(`DROP TABLE IF EXISTS webhook_dispatch_state`);
  }
}
