import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commerce actions: returns created by the bot are idempotent by the caller's request key (a retry finds
 * the first RMA instead of adding a second), remember why they were routed the way they were, what an
 * exchange is for and where the shopper downloads the return label.
 */
export class CommerceActions1764310000000 implements MigrationInterface {
  name = 'CommerceActions1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE commerce_returns
        ADD COLUMN request_key text NULL,
        ADD COLUMN routing_reason text NULL,
        ADD COLUMN exchange_for jsonb NULL,
        ADD COLUMN label_url text NULL`);
    await q.query(
      `ALTER TABLE commerce_returns ADD CONSTRAINT uq_commerce_returns_request_key UNIQUE (request_key)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce_returns DROP CONSTRAINT IF EXISTS uq_commerce_returns_request_key`);
    await q.query(`
      ALTER TABLE commerce_returns
        DROP COLUMN IF EXISTS label_url,
        DROP COLUMN IF EXISTS exchange_for,
        DROP COLUMN IF EXISTS routing_reason,
        DROP COLUMN IF EXISTS request_key`);
  }
}
