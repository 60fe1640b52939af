import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateInboxInput, InboxDto, UpdateInboxInput } from '@kefu/shared/contracts';
import { Observable } from 'rxjs';

const API = '/api/v1/inboxes';

/** The inboxes endpoints. The secret is only in the answers for users with `inboxes.manage`. */
@Injectable({ providedIn: 'root' })
export class InboxesService {
  private readonly http = inject(HttpClient);

  list(): Observable<InboxDto[]> {
    return this.http.get<InboxDto[]>(API);
  }

  get(id: string): Observable<InboxDto> {
    return this.http.get<InboxDto>(`${API}/${encodeURIComponent(id)}`);
  }

  create(input: CreateInboxInput): Observable<InboxDto> {
    return this.http.post<InboxDto>(API, input);
  }

  update(id: string, input: UpdateInboxInput): Observable<InboxDto> {
    return this.http.patch<InboxDto>(`${API}/${encodeURIComponent(id)}`, input);
  }

  rotateSecret(id: string): Observable<InboxDto> {
    return this.http.post<InboxDto>(`${API}/${encodeURIComponent(id)}/rotate-secret`, {});
  }
}
