/* Helpers for this library's integration tests (not exported from index.ts). */
import { Module } from '@nestjs/common';
import { SESSION_COOKIE } from '@kefu/shared/contracts';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { IdentityModule } from '../identity.module';

@Module({})
class IdentityTestRoot {}

/** The smallest application that runs identity as production wires it. */
export const identityRoot = (config: AppConfig) => ({
  module: IdentityTestRoot,
  imports: [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot({ migrations: [] }),
    QueueModule,
    HttpModule,
    IdentityModule,
  ],
});

export interface ApiResponse {
  status: number;
  body: Record<string, unknown> & { message?: string };
  setCookie: string[];
}

/** A small HTTP client over fetch: JSON in and out, with an optional session cookie. */
export function client(baseUrl: string) {
  return async function call(
    method: string,
    path: string,
    opts: { body?: unknown; raw?: string; cookie?: string } = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (opts.cookie) headers['cookie'] = opts.cookie;
    let body: string | undefined;
    if (opts.raw !== undefined || opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = opts.raw ?? JSON.stringify(opts.body);
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as ApiResponse['body']) : {},
      setCookie: res.headers.getSetCookie(),
    };
  };
}

/** `kefu_session=<token>` from a login response, ready for a Cookie header. */
export function sessionCookie(res: ApiResponse): string {
  const line = res.setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!line) throw new Error(`no ${SESSION_COOKIE} cookie in the response (status ${res.status})`);
  return line.split(';')[0];
}
