import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DialogueContext, Slots } from '../state/slots';

/** The dialogue state of one conversation; read and written through DialogueStateStore. */
@Entity('dialogue_states')
export class DialogueStateRow {
  @PrimaryColumn({ type: 'uuid' }) conversationId!: string;
  @Column({ type: 'text', nullable: true }) activeIntent!: string | null;
  @Column({ type: 'jsonb', default: {} }) slots!: Slots;
  @Column({ type: 'text', nullable: true }) awaiting!: string | null;
  @Column({ type: 'integer', default: 0 }) turnCount!: number;
  @Column({ type: 'integer', default: 0 }) misunderstandings!: number;
  @Column({ type: 'text', nullable: true }) lastOrderNumber!: string | null;
  @Column({ type: 'text', nullable: true }) lastProductId!: string | null;
  @Column({ type: 'jsonb', default: {} }) context!: DialogueContext;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
