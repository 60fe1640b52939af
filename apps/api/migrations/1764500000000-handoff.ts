import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalation rules, routing and the agent workspace (libs/api/handoff):
 * - conversations get a team, a queue priority (1 low … 4 urgent), tags, when a human first answered,
 *   when the team's time limit escalated them, and when the idle rules last looked at them;
 * - teams with members (capacity), agents' availability, the rules with their version history,
 *   the hand-off settings (thresholds), the kill switch's pauses, internal notes, the human-edit log,
 *   workspace notifications;
 * - the append-only audit log: a trigger refuses UPDATE and DELETE.
 */
export class Handoff1764500000000 implements MigrationInterface {
  name = 'Handoff1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        assignment text NOT NULL DEFAULT 'least_load' CHECK (assignment IN ('least_load','round_robin')),
        business_hours jsonb,
        escalate_after_minutes integer,
        escalation_action text NOT NULL DEFAULT 'notify_lead' CHECK (escalation_action IN ('reassign','notify_lead')),
        lead_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        last_assigned_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_teams_name ON teams (lower(name))`);
    await q.query(`
      CREATE TABLE team_members (
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        capacity integer NOT NULL DEFAULT 5 CHECK (capacity > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_team_members_user ON team_members (user_id)`);
    await q.query(`
      CREATE TABLE agent_presence (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        availability text NOT NULL DEFAULT 'offline' CHECK (availability IN ('online','busy','offline')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`ALTER TABLE conversations
      ADD COLUMN team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
      ADD COLUMN priority smallint NOT NULL DEFAULT 2,
      ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
      ADD COLUMN first_human_reply_at timestamptz,
      ADD COLUMN escalated_at timestamptz,
      ADD COLUMN idle_checked_at timestamptz`);
    await q.query(
      `CREATE INDEX ix_conversations_queue ON conversations (team_id, priority DESC, handoff_at) WHERE status IN ('pending_human','human')`,
    );
    await q.query(
      `CREATE INDEX ix_conversations_assignee ON conversations (assignee_id) WHERE status IN ('pending_human','human')`,
    );
    await q.query(
      `CREATE INDEX ix_conversations_idle ON conversations (last_message_at) WHERE status = 'bot'`,
    );
    // The expected wait (a team's last answered hand-offs) and least-load ties (a member's latest assignment).
    await q.query(
      `CREATE INDEX ix_conversations_team_answered ON conversations (team_id, first_human_reply_at DESC) WHERE first_human_reply_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_conversations_assignee_handoff ON conversations (assignee_id, handoff_at DESC) WHERE assignee_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE escalation_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position integer NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        enabled boolean NOT NULL DEFAULT true,
        event text NOT NULL,
        match text NOT NULL DEFAULT 'all' CHECK (match IN ('all','any')),
        conditions jsonb NOT NULL DEFAULT '[]',
        actions jsonb NOT NULL DEFAULT '[]',
        stop_processing boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_escalation_rules_position ON escalation_rules (position)`);
    await q.query(`
      CREATE TABLE escalation_rule_versions (
        id bigserial PRIMARY KEY,
        rule_id uuid NOT NULL,
        version integer NOT NULL,
        change text NOT NULL,
        rule jsonb,
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_escalation_rule_versions_rule ON escalation_rule_versions (rule_id, version DESC)`);
    await q.query(`
      CREATE TABLE handoff_settings (
        id smallint PRIMARY KEY CHECK (id = 1),
        settings jsonb NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        seeded_at timestamptz
      )`);
    await q.query(`INSERT INTO handoff_settings (id) VALUES (1)`);

    await q.query(`
      CREATE TABLE bot_pauses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scope text NOT NULL CHECK (scope IN ('global','channel','intent')),
        value text,
        reason text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_bot_pauses_scope ON bot_pauses (scope, COALESCE(value, ''))`);

    await q.query(`
      CREATE TABLE conversation_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_conversation_notes_conversation ON conversation_notes (conversation_id, created_at)`);
    await q.query(`
      CREATE TABLE human_edits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        agent_id uuid REFERENCES users(id) ON DELETE SET NULL,
        question text,
        intent text,
        language text,
        suggested text NOT NULL,
        edited text NOT NULL,
        source text NOT NULL,
        ref text,
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new','sent_to_knowledge','sent_to_training','dismissed')),
        target_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_human_edits_status ON human_edits (status, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE handoff_notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        conversation_id uuid REFERENCES conversations(id) ON DELETE CASCADE,
        team_id uuid REFERENCES teams(id) ON DELETE CASCADE,
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        message text NOT NULL DEFAULT '',
        read_at timestamptz,
        emitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_handoff_notifications_unsent ON handoff_notifications (conversation_id) WHERE emitted_at IS NULL`);
    await q.query(`CREATE INDEX ix_handoff_notifications_user ON handoff_notifications (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_handoff_notifications_team ON handoff_notifications (team_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        data jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX ix_audit_log_at ON audit_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_audit_log_target ON audit_log (target_type, target_id, at DESC)`);
    await q.query(`CREATE INDEX ix_audit_log_action ON audit_log (action, at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_log`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_append_only()`);
    await q.query(`DROP TABLE IF EXISTS handoff_notifications`);
    await q.query(`DROP TABLE IF EXISTS human_edits`);
    await q.query(`DROP TABLE IF EXISTS conversation_notes`);
    await q.query(`DROP TABLE IF EXISTS bot_pauses`);
    await q.query(`DROP TABLE IF EXISTS handoff_settings`);
    await q.query(`DROP TABLE IF EXISTS escalation_rule_versions`);
    await q.query(`DROP TABLE IF EXISTS escalation_rules`);
    await q.query(`DROP INDEX IF EXISTS ix_conversations_assignee_handoff`);
    await q.query(`DROP INDEX IF EXISTS ix_conversations_team_answered`);
    await q.query(`DROP INDEX IF EXISTS ix_conversations_idle`);
    await q.query(`DROP INDEX IF EXISTS ix_conversations_assignee`);
    await q.query(`DROP INDEX IF EXISTS ix_conversations_queue`);
    await q.query(`ALTER TABLE conversations
      DROP COLUMN IF EXISTS idle_checked_at, DROP COLUMN IF EXISTS escalated_at, DROP COLUMN IF EXISTS first_human_reply_at,
      DROP COLUMN IF EXISTS tags, DROP COLUMN IF EXISTS priority, DROP COLUMN IF EXISTS team_id`);
    await q.query(`DROP TABLE IF EXISTS agent_presence`);
    await q.query(`DROP TABLE IF EXISTS team_members`);
    await q.query(`DROP TABLE IF EXISTS teams`);
  }
}
