import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@kefu/shared/contracts';

export const PUBLIC_KEY = 'kefu:public';
export const PERMISSIONS_KEY = 'kefu:permissions';

/**
 * Marks a route as reachable without a session (login, health, signed channel pushes).
 * Every other route must name the permissions it needs; the guard denies routes that name none.
 */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The caller's role must hold every listed permission. */
export const RequirePermissions = (...permissions: Permission[]) => SetMetadata(PERMISSIONS_KEY, permissions);

export const AUTHENTICATED_KEY = 'kefu:authenticated';

/**
 * Any signed-in user may call the route, whatever their role (log out, who am I). Explicit, so that
 * a route that forgot to name its permissions is still denied.
 */
export const Authenticated = () => SetMetadata(AUTHENTICATED_KEY, true);
