import { ConflictException, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Role } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { UsersService } from './users.service';

export type FirstAdminOutcome = 'created' | 'exists';

/**
 * On a fresh install (no users at all) creates the admin account from ADMIN_EMAIL and
 * ADMIN_PASSWORD. Without ADMIN_PASSWORD it generates one and prints it once to stdout, boxed;
 * it never goes to the log. Two processes booting at once are safe: the unique index on
 * lower(email) lets one insert win and the other stands down.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly log = new Logger(FirstAdminService.name);

  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureFirstAdmin();
  }

  async ensureFirstAdmin(): Promise<FirstAdminOutcome> {
    if ((await this.users.count()) > 0) return 'exists';
    const generated = !this.config.ADMIN_PASSWORD;
    const password = this.config.ADMIN_PASSWORD ?? generatePassword();
    try {
      await this.users.create({
        email: this.config.ADMIN_EMAIL.toLowerCase(),
        name: 'Administrator',
        role: Role.Admin,
        password,
      });
    } catch (e) {
      if (e instanceof ConflictException) return 'exists';
      throw e;
    }
    if (generated) {
      process.stdout.write(
        box([
          'Kefu: the first admin account was created.',
          '',
          `  email:    ${this.config.ADMIN_EMAIL.toLowerCase()}`,
          `  password: ${password}`,
          '',
          'This password is shown only this once; only its hash is stored.',
          'To choose your own, set ADMIN_PASSWORD before the first start.',
        ]),
      );
    } else {
      this.log.log('created the first admin account from ADMIN_EMAIL and ADMIN_PASSWORD');
    }
    return 'created';
  }
}

/** 24 characters of base64url: 144 random bits. */
function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const edge = `+${'-'.repeat(width + 2)}+`;
  return ['', edge, ...lines.map((l) => `| ${l.padEnd(width)} |`), edge, '', ''].join('\n');
}
