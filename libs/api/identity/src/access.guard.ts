import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { hasPermission, Permission, SESSION_COOKIE } from '@kefu/shared/contracts';
import { AUTHENTICATED_KEY, PERMISSIONS_KEY, PUBLIC_KEY } from '@kefu/api/platform/http';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';

/** A Fastify request after the guard ran: `user` is set whenever a valid session cookie came with it. */
export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

export const LOG_IN_FIRST = 'log in first';

/**
 * The global guard (APP_GUARD) for HTTP routes. Deny by default:
 * - `@Public()` routes are open (the user is still attached when a valid cookie comes along);
 * - every other route needs a valid session (401 otherwise);
 * - and must declare `@RequirePermissions(...)`, all held by the caller's role, or `@Authenticated()`
 *   (any signed-in user); a route that declares neither is refused (403).
 * WebSocket and other contexts are left to their gateways (see `AuthService.userFromCookieHeader`).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: Pick<AuthService, 'authenticate'>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

    const token = request.cookies?.[SESSION_COOKIE];
    const user = token ? await this.auth.authenticate(token) : null;
    if (user) request.user = user;

    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!user) throw new UnauthorizedException(LOG_IN_FIRST);

    const required =
      this.reflector.getAllAndOverride<Permission[] | undefined>(PERMISSIONS_KEY, targets) ?? [];
    const anyUser = this.reflector.getAllAndOverride<boolean>(AUTHENTICATED_KEY, targets) === true;
    if (required.length === 0 && !anyUser) {
      throw new ForbiddenException('this endpoint declares no permission, so nobody may call it');
    }
    const missing = required.filter((p) => !hasPermission(user.role, p));
    if (missing.length > 0) {
      throw new ForbiddenException(`your role (${user.role}) lacks the permission ${missing.join(', ')}`);
    }
    return true;
  }
}
