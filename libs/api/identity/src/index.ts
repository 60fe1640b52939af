/**
 * Identity: staff users, sessions and access control.
 *
 * Import `IdentityModule` once in the API's root module: it adds the auth and users endpoints,
 * creates the first admin on a fresh install and installs the global access guard (deny by default).
 * Controllers elsewhere use `@Public()`, `@RequirePermissions()` or `@Authenticated()` from
 * `@kefu/api/platform/http`, and `@CurrentUser()` from here.
 *
 * A socket.io gateway authenticates its handshake with
 * `await authService.userFromCookieHeader(socket.handshake.headers.cookie)` (null → disconnect).
 */
export { IdentityModule } from './identity.module';
export { AuthService } from './auth.service';
export type { LoginClient, LoginResult } from './auth.service';
export { UsersService } from './users.service';
export { FirstAdminService } from './first-admin.service';
export type { FirstAdminOutcome } from './first-admin.service';
export { CurrentUser } from './current-user.decorator';
export type { AuthenticatedRequest } from './access.guard';
export type { AuthUser } from './auth-user';
