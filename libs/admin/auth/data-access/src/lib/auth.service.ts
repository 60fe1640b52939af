import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { LoginInput, MeDto, Permission } from '@kefu/shared/contracts';
import { catchError, map, Observable, of, tap, throwError } from 'rxjs';

const API = '/api/v1/auth';

/** The signed-in user. `me()` is `undefined` until checked, `null` when logged out. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly state = signal<MeDto | null | undefined>(undefined);

  readonly me = this.state.asReadonly();
  readonly user = computed(() => this.state()?.user ?? null);
  readonly permissions = computed(() => new Set(this.state()?.permissions ?? []));

  can(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  /** Asks the server who is signed in; resolves to null on 401. Other errors propagate. */
  refresh(): Observable<MeDto | null> {
    return this.http.get<MeDto>(`${API}/me`).pipe(
      catchError((err: unknown) =>
        err instanceof HttpErrorResponse && err.status === 401 ? of(null) : throwError(() => err),
      ),
      tap((me) => this.state.set(me)),
    );
  }

  /** The cached session when known, otherwise asks the server. */
  ensureLoaded(): Observable<MeDto | null> {
    const known = this.state();
    return known === undefined ? this.refresh() : of(known);
  }

  login(input: LoginInput): Observable<MeDto> {
    return this.http.post<MeDto>(`${API}/login`, input).pipe(tap((me) => this.state.set(me)));
  }

  logout(): Observable<void> {
    return this.http.post<void>(`${API}/logout`, {}).pipe(
      // Even if the server call fails, the UI forgets the session.
      catchError(() => of(undefined)),
      tap(() => this.state.set(null)),
      map(() => undefined),
    );
  }

  /** Called when any request comes back 401: the session expired. */
  markLoggedOut(): void {
    this.state.set(null);
  }
}
