import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An intent the engine can predict: the built-in taxonomy plus what admins add. */
@Entity('nlu_intents')
export class NluIntent {
  @PrimaryColumn({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'boolean', default: false }) builtin!: boolean;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
