import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '@kefu/shared/contracts';
import { registerPersonalData } from '@kefu/api/platform/database';

/** A staff account: admin, agent, compliance officer or analyst. */
@Entity({ name: 'users' })
// Unique on lower(email), created by the foundation migration; TypeORM cannot express it.
@Index('uq_users_email', { synchronize: false })
@Check('users_role_check', `role IN ('admin','agent','compliance_officer','analyst')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored as entered (lower-cased by the input schemas); compared case-insensitively. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: Role;

  /** argon2id PHC string. Never leaves the service layer. */
  @Column({ type: 'text' })
  passwordHash!: string;

  /** Consecutive failed logins since the last success or lockout. */
  @Column({ type: 'integer', default: 0 })
  failedLoginCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

registerPersonalData({
  table: 'users',
  columns: ['email', 'name'],
  subject: { kind: 'user', column: 'id' },
  description: 'Staff accounts: login email and display name.',
});
