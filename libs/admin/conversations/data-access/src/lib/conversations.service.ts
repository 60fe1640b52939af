import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ConversationDto, ConversationStatus, MessageDto, Page } from '@kefu/shared/contracts';
import { Observable } from 'rxjs';

const API = '/api/v1/conversations';

export interface ConversationListQuery {
  status?: ConversationStatus | null;
  inboxId?: string | null;
  /** One shopper's conversations on every channel. */
  contactId?: string | null;
  limit?: number;
  cursor?: string | null;
}

/** The conversations endpoints (read side). */
@Injectable({ providedIn: 'root' })
export class ConversationsService {
  private readonly http = inject(HttpClient);

  /** Newest activity first; pass `nextCursor` back as `cursor` for the next page. */
  list(query: ConversationListQuery = {}): Observable<Page<ConversationDto>> {
    let params = new HttpParams();
    if (query.status) params = params.set('status', query.status);
    if (query.inboxId) params = params.set('inboxId', query.inboxId);
    if (query.contactId) params = params.set('contactId', query.contactId);
    if (query.limit) params = params.set('limit', query.limit);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<Page<ConversationDto>>(API, { params });
  }

  get(id: string): Observable<ConversationDto> {
    return this.http.get<ConversationDto>(`${API}/${encodeURIComponent(id)}`);
  }

  /** Oldest first. */
  messages(id: string): Observable<MessageDto[]> {
    return this.http.get<MessageDto[]>(`${API}/${encodeURIComponent(id)}/messages`);
  }
}
