import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One row (id 1): thresholds and routing defaults, as `HandoffSettings` JSON (parsed with its schema). */
@Entity('handoff_settings')
export class HandoffSettingsRow {
  @PrimaryColumn({ type: 'smallint' }) id!: number;
  @Column({ type: 'jsonb', default: () => "'{}'" }) settings!: Record<string, unknown>;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'uuid', nullable: true }) updatedBy!: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  /** When the default teams and rules were seeded (once per install). */
  @Column({ type: 'timestamptz', nullable: true }) seededAt!: Date | null;
}
