import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { registerPersonalData } from '@kefu/api/platform/database';
import { User } from './user.entity';

/** A signed-in browser. The cookie carries an opaque token; only its SHA-256 is stored. */
@Entity({ name: 'sessions' })
@Unique('uq_sessions_token_hash', ['tokenHash'])
@Index('ix_sessions_user', ['userId'])
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sessions_user_id_fkey' })
  user?: User;

  /** Hex SHA-256 of the cookie token. */
  @Column({ type: 'text' })
  tokenHash!: string;

  @Column({ type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Refreshed at most once a minute. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

registerPersonalData({
  table: 'sessions',
  columns: ['ip', 'user_agent'],
  subject: { kind: 'user', column: 'user_id' },
  description: 'Signed-in sessions of staff accounts: IP address and browser user agent.',
});
