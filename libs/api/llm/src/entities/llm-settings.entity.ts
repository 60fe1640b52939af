import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One row (id 1): Claude's settings as admins changed them (the schema's defaults fill the rest) and the
 * API key sealed by the server's secret box. The key's last four characters tell keys apart in the admin.
 */
@Entity('llm_settings')
export class LlmSettingsRow {
  @PrimaryColumn({ type: 'smallint' }) id!: number;
  @Column({ type: 'jsonb', default: () => "'{}'" }) settings!: Record<string, unknown>;
  /** `v1:<iv>:<tag>:<ciphertext>` (see SecretBox); never the plain key. */
  @Column({ type: 'text', nullable: true }) apiKeyEnc!: string | null;
  @Column({ type: 'text', nullable: true }) keyLast4!: string | null;
  @Column({ type: 'integer', default: 0 }) version!: number;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'uuid', nullable: true }) updatedBy!: string | null;
}
