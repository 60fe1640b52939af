import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A file a shopper sent: a widget image, or an image or PDF attached to an e-mail (size-checked); served at /api/v1/uploads/:id. */
@Entity('uploads')
export class Upload {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) inboxId!: string;
  @Column({ type: 'uuid' }) contactId!: string;
  @Column({ type: 'text' }) contentType!: string;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ type: 'integer' }) size!: number;
  @Column({ type: 'text' }) sha256!: string;
  @Column({ type: 'bytea', select: false }) data!: Buffer;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
