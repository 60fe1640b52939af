import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('team_members')
export class TeamMember {
  @PrimaryColumn({ type: 'uuid' }) teamId!: string;
  @PrimaryColumn({ type: 'uuid' }) userId!: string;
  /** Conversations the member works at once; auto-assignment stops there. */
  @Column({ type: 'integer', default: 5 }) capacity!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
