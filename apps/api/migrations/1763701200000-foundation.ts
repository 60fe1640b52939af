import { MigrationInterface, QueryRunner } from 'typeorm';

/** Inboxes, contacts, conversations, messages, the events log, users and sessions. */
export class Foundation1763701200000 implements MigrationInterface {
  name = 'Foundation1763701200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inboxes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        channel text NOT NULL,
        secret text NOT NULL,
        callback_url text NULL,
        greeting_enabled boolean NOT NULL DEFAULT false,
        greeting_message text NOT NULL DEFAULT '',
        away_enabled boolean NOT NULL DEFAULT false,
        away_message text NOT NULL DEFAULT '',
        business_hours jsonb NOT NULL DEFAULT '{"enabled":false,"timezone":"UTC","days":[]}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NULL,
        email text NULL,
        phone text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE contact_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        inbox_id uuid NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
        external_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_contact_identities_inbox_external UNIQUE (inbox_id, external_id)
      )`);
    await q.query(`CREATE INDEX ix_contact_identities_contact ON contact_identities (contact_id)`);
    await q.query(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        inbox_id uuid NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'bot' CHECK (status IN ('bot','pending_human','human','resolved')),
        assignee_id uuid NULL,
        message_count integer NOT NULL DEFAULT 0,
        last_message_at timestamptz NOT NULL DEFAULT now(),
        last_message_preview text NULL,
        greeted_at timestamptz NULL,
        away_sent_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // At most one open conversation per contact and inbox; ingest relies on it to open one under races.
    await q.query(
      `CREATE UNIQUE INDEX uq_conversations_open ON conversations (inbox_id, contact_id) WHERE status <> 'resolved'`,
    );
    await q.query(`CREATE INDEX ix_conversations_activity ON conversations (last_message_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_conversations_status_activity ON conversations (status, last_message_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_conversations_inbox_activity ON conversations (inbox_id, last_message_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_conversations_contact ON conversations (contact_id)`);
    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        inbox_id uuid NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
        direction text NOT NULL CHECK (direction IN ('incoming','outgoing')),
        sender_type text NOT NULL CHECK (sender_type IN ('contact','bot','agent','system')),
        sender_id uuid NULL,
        external_message_id text NULL,
        text text NOT NULL DEFAULT '',
        attachments jsonb NOT NULL DEFAULT '[]',
        metadata jsonb NOT NULL DEFAULT '{}',
        locale text NULL,
        auto_reply_kind text NULL,
        status text NOT NULL CHECK (status IN ('received','processed','pending','delivered','failed','sent')),
        delivery_attempts integer NOT NULL DEFAULT 0,
        delivery_error text NULL,
        delivered_at timestamptz NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_messages_inbox_external UNIQUE (inbox_id, external_message_id)
      )`);
    await q.query(`CREATE INDEX ix_messages_conversation ON messages (conversation_id, created_at, id)`);
    // The outboxes: incoming rows waiting for the worker, outgoing rows waiting for delivery.
    await q.query(`CREATE INDEX ix_messages_received ON messages (created_at) WHERE status = 'received'`);
    await q.query(`CREATE INDEX ix_messages_pending ON messages (created_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE events (
        id bigserial PRIMARY KEY,
        type text NOT NULL,
        inbox_id uuid NULL,
        conversation_id uuid NULL,
        message_id uuid NULL,
        actor_id uuid NULL,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_events_type_time ON events (type, created_at)`);
    await q.query(`CREATE INDEX ix_events_conversation ON events (conversation_id) WHERE conversation_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin','agent','compliance_officer','analyst')),
        password_hash text NOT NULL,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz NULL,
        last_login_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_users_email ON users (lower(email))`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        user_agent text NULL,
        ip text NULL,
        expires_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_sessions_token_hash UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX ix_sessions_user ON sessions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['sessions', 'users', 'events', 'messages', 'conversations', 'contact_identities', 'contacts', 'inboxes']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
