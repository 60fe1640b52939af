import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Behaviour settings of the knowledge base (answer threshold, seed markers), edited in the admin. */
@Entity('knowledge_settings')
export class KnowledgeSetting {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ type: 'jsonb' }) value!: unknown;
  @Column({ type: 'uuid', nullable: true }) updatedBy!: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
