import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Words shoppers use for the same thing (包邮 ~ 免运费); retrieval treats them as one. */
@Entity('knowledge_synonym_groups')
export class SynonymGroup {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', array: true }) terms!: string[];
  @Column({ type: 'text', nullable: true }) locale!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
