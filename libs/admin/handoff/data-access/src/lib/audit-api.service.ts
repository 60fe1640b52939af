import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuditPage } from '@kefu/shared/contracts';
import { Observable } from 'rxjs';
import { queryParams } from './http-params';

export const AUDIT_API = '/api/v1/audit';

export interface AuditQuery {
  /** An exact action or a group pattern such as `kill_switch.*`. */
  action?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  limit?: number;
  cursor?: string | null;
}

/** The append-only audit log (`audit.read`). */
@Injectable({ providedIn: 'root' })
export class AuditApiService {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery = {}): Observable<AuditPage> {
    return this.http.get<AuditPage>(AUDIT_API, { params: queryParams(query) });
  }
}
