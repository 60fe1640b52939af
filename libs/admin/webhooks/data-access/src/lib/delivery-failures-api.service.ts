import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  BulkReplayResultDto,
  DeliveryFailureKind,
  DeliveryFailurePageDto,
  DeliveryFailureRef,
  ReplayResultDto,
} from '@kefu/shared/contracts';
import { Observable } from 'rxjs';

export const DELIVERY_FAILURES_API = '/api/v1/delivery-failures';

export interface DeliveryFailuresQuery {
  kind?: DeliveryFailureKind | null;
  limit?: number;
  cursor?: string | null;
}

/** Dead webhook deliveries and failed outgoing messages (`inboxes.manage`), and their replay. */
@Injectable({ providedIn: 'root' })
export class DeliveryFailuresApiService {
  private readonly http = inject(HttpClient);

  list(query: DeliveryFailuresQuery = {}): Observable<DeliveryFailurePageDto> {
    let params = new HttpParams();
    if (query.kind) params = params.set('kind', query.kind);
    if (query.limit) params = params.set('limit', String(query.limit));
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<DeliveryFailurePageDto>(DELIVERY_FAILURES_API, { params });
  }

  /** One failure back in the queue; 409 when there is nothing to replay (already delivered, already queued). */
  replay(ref: DeliveryFailureRef): Observable<ReplayResultDto> {
    return this.http.post<ReplayResultDto>(
      `${DELIVERY_FAILURES_API}/${encodeURIComponent(ref.kind)}/${encodeURIComponent(ref.id)}/replay`,
      {},
    );
  }

  /** Up to REPLAY_BATCH_MAX failures at once; one outcome per item. */
  replayMany(items: DeliveryFailureRef[]): Observable<BulkReplayResultDto> {
    return this.http.post<BulkReplayResultDto>(`${DELIVERY_FAILURES_API}/replay`, { items });
  }
}
