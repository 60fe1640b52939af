import { HttpException, HttpStatus, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { fastifyCookie } from '@fastify/cookie';
import { createHash, randomBytes } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import { SESSION_COOKIE } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { AuthUser, toAuthUser } from './auth-user';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { PasswordService } from './password.service';
import { UsersService } from './users.service';

/** Where a login comes from; stored on the session so a user can recognise their devices. */
export interface LoginClient {
  ip?: string | null;
  userAgent?: string | null;
}

export interface LoginResult {
  user: User;
  /** The opaque token for the cookie. Shown once; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

/** The same answer for an unknown email and a wrong password. */
export const BAD_CREDENTIALS = 'wrong email or password';
const LAST_SEEN_RESOLUTION_MS = 60_000;
const MAX_TOKEN_LENGTH = 256;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Log in, log out, and turn a session token (cookie) back into the signed-in user. */
@Injectable()
export class AuthService {
  private readonly log = new Logger(AuthService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly usersService: UsersService,
    private readonly passwords: PasswordService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get sessionTtlSeconds(): number {
    return Math.round(this.config.SESSION_TTL_HOURS * 3600);
  }

  /**
   * 401 for an unknown email or a wrong password (same message, similar time); 423 while the
   * account is locked, even with the right password. LOGIN_MAX_ATTEMPTS consecutive failures lock
   * it for LOGIN_LOCKOUT_SECONDS; a success resets the count.
   */
  async login(email: string, password: string, client: LoginClient = {}): Promise<LoginResult> {
    const user = await this.usersService.findByEmail(email);
    if (!user) {
      await this.passwords.verifyDummy(password);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    const now = new Date();
    if (user.lockedUntil && user.lockedUntil > now) throw lockedException(user.lockedUntil);

    if (!(await this.passwords.verify(user.passwordHash, password))) {
      const lockedUntil = await this.recordFailure(user.id);
      if (lockedUntil) {
        this.log.warn(`user ${user.id} locked after ${this.config.LOGIN_MAX_ATTEMPTS} failed logins`);
        throw lockedException(lockedUntil);
      }
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }

    const changes: Partial<User> = { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now };
    if (this.passwords.needsRehash(user.passwordHash)) {
      changes.passwordHash = await this.passwords.hash(password);
    }
    await this.users.update({ id: user.id }, changes);
    Object.assign(user, changes);

    // Tidy this user's expired sessions while we are here (indexed by user_id).
    await this.sessions.delete({ userId: user.id, expiresAt: LessThan(now) });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.sessionTtlSeconds * 1000);
    await this.sessions.insert({
      userId: user.id,
      tokenHash: hashToken(token),
      ip: client.ip ?? null,
      userAgent: client.userAgent ? client.userAgent.slice(0, 512) : null,
      expiresAt,
      lastSeenAt: now,
    });
    return { user, token, expiresAt };
  }

  /** Ends the session the token belongs to. Unknown tokens are ignored. */
  async logout(token: string | undefined): Promise<void> {
    if (!isPlausibleToken(token)) return;
    await this.sessions.delete({ tokenHash: hashToken(token) });
  }

  /** The user a session token belongs to, or null when it is unknown or expired. */
  async authenticate(token: string | undefined): Promise<AuthUser | null> {
    if (!isPlausibleToken(token)) return null;
    const session = await this.sessions.findOne({
      where: { tokenHash: hashToken(token) },
      relations: { user: true },
    });
    if (!session?.user) return null;
    const now = Date.now();
    if (session.expiresAt.getTime() <= now) {
      await this.sessions.delete({ id: session.id });
      return null;
    }
    if (now - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
      await this.sessions
        .createQueryBuilder()
        .update()
        .set({ lastSeenAt: new Date(now) })
        // Conditional, so concurrent requests of one session write at most once a minute.
        .where('id = :id AND last_seen_at < :threshold', {
          id: session.id,
          threshold: new Date(now - LAST_SEEN_RESOLUTION_MS),
        })
        .execute();
    }
    return toAuthUser(session.user);
  }

  /**
   * For socket.io handshakes: the user behind the `Cookie` header (`socket.handshake.headers.cookie`),
   * or null when there is no valid session cookie.
   */
  async userFromCookieHeader(cookieHeader: string | undefined): Promise<AuthUser | null> {
    if (!cookieHeader) return null;
    let token: string | undefined;
    try {
      token = fastifyCookie.parse(cookieHeader)[SESSION_COOKIE];
    } catch {
      return null;
    }
    return this.authenticate(token);
  }

  /** Counts a failed login atomically; returns the lock's end when this failure locked the account. */
  private async recordFailure(userId: string): Promise<Date | null> {
    const lockUntil = new Date(Date.now() + this.config.LOGIN_LOCKOUT_SECONDS * 1000);
    // The count restarts at zero when the lock engages, so after it expires the user has the full
    // number of attempts again. For UPDATE … RETURNING the postgres driver answers [rows, rowCount].
    const [rows] = (await this.users.query(
      `UPDATE users
          SET failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
              locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN $3::timestamptz ELSE locked_until END,
              updated_at = now()
        WHERE id = $1
      RETURNING failed_login_count = 0 AS locked`,
      [userId, this.config.LOGIN_MAX_ATTEMPTS, lockUntil.toISOString()],
    )) as [{ locked: boolean }[], number];
    return rows[0]?.locked ? lockUntil : null;
  }
}

function isPlausibleToken(token: string | undefined): token is string {
  return typeof token === 'string' && token.length > 0 && token.length <= MAX_TOKEN_LENGTH;
}

function lockedException(until: Date): HttpException {
  return new HttpException(
    `too many failed logins; the account is locked until ${until.toISOString()}`,
    HttpStatus.LOCKED,
  );
}
