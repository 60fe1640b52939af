import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { Permission } from '@kefu/shared/contracts';
import { AuthService } from './auth.service';

/** Lets signed-in users through; sends others to /login, remembering where they were going. */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return auth.ensureLoaded().pipe(
    map((me) =>
      me
        ? true
        : router.createUrlTree(['/login'], {
            queryParams: state.url && state.url !== '/' ? { returnUrl: state.url } : {},
          }),
    ),
    // The server could not say (down, 5xx): the login page is where a retry makes sense.
    catchError(() => of(router.createUrlTree(['/login']))),
  );
};

/** Keeps signed-in users away from the login page. */
export const guestGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return auth.ensureLoaded().pipe(
    map((me) => (me ? router.createUrlTree(['/conversations']) : true)),
    catchError(() => of(true)),
  );
};

/**
 * Lets through staff who hold `permission` (after the session loaded); others land on the conversations
 * list, which every role may read. The API checks again: this only keeps people off pages they cannot use.
 */
export function permissionGuard(permission: Permission): CanActivateFn {
  return () => {
    const auth = inject(AuthService);
    const router = inject(Router);
    return auth.ensureLoaded().pipe(
      map((me) => (me && auth.permissions().has(permission) ? true : router.createUrlTree(['/conversations']))),
      catchError(() => of(router.createUrlTree(['/login']))),
    );
  };
}
