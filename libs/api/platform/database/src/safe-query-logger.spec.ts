import { Logger } from '@nestjs/common';
import { SafeQueryLogger } from './safe-query-logger';

describe('SafeQueryLogger', () => {
  it('logs a failed query without its parameters', () => {
    const lines: string[] = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((m: unknown) => void lines.push(String(m)));
    const err = Object.assign(new Error('duplicate key value violates unique constraint "uq_users_email"'), {
      detail: 'Key (lower(email))=(shopper@example.com) already exists.',
    });
    new SafeQueryLogger().logQueryError(err, 'INSERT INTO users (email, name) VALUES ($1, $2)');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('uq_users_email');
    expect(lines[0]).toContain('VALUES ($1, $2)');
    expect(lines[0]).not.toContain('shopper@example.com');
  });
});
