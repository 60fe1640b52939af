import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthUser } from './auth-user';
import type { AuthenticatedRequest } from './access.guard';

/**
 * The signed-in caller, as the access guard attached it. Always set on routes that are not
 * `@Public()`; on public routes it is undefined for anonymous callers.
 */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
