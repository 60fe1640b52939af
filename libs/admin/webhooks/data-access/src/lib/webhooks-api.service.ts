import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CreateWebhookInput,
  UpdateWebhookInput,
  WebhookDto,
  WebhookTestResultDto,
} from '@kefu/shared/contracts';
import { Observable } from 'rxjs';

export const WEBHOOKS_API = '/api/v1/webhooks';

const idPath = (id: string) => `${WEBHOOKS_API}/${encodeURIComponent(id)}`;

/** The outbound webhooks endpoints (`webhooks.manage`). The secret is only in the create and rotate answers. */
@Injectable({ providedIn: 'root' })
export class WebhooksApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<WebhookDto[]> {
    return this.http.get<WebhookDto[]>(WEBHOOKS_API);
  }

  create(input: CreateWebhookInput): Observable<WebhookDto> {
    return this.http.post<WebhookDto>(WEBHOOKS_API, input);
  }

  update(id: string, input: UpdateWebhookInput): Observable<WebhookDto> {
    return this.http.patch<WebhookDto>(idPath(id), input);
  }

  rotateSecret(id: string): Observable<WebhookDto> {
    return this.http.post<WebhookDto>(`${idPath(id)}/rotate-secret`, {});
  }

  /** POSTs a signed test event now; answers what the receiver said (also when it failed). */
  test(id: string): Observable<WebhookTestResultDto> {
    return this.http.post<WebhookTestResultDto>(`${idPath(id)}/test`, {});
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(idPath(id));
  }
}
