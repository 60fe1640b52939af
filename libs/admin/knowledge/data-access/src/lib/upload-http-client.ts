import { HttpClient, HttpEvent, HttpHandler, HttpRequest, HttpXhrBackend } from '@angular/common/http';
import { EnvironmentInjector, inject, Injectable, runInInjectionContext } from '@angular/core';
import { sessionExpiredInterceptor } from '@kefu/admin/auth/data-access';
import { Observable } from 'rxjs';

/**
 * The app's HttpClient runs on `fetch`, which cannot report upload progress. Uploads go through
 * XMLHttpRequest instead, with the same session-expired handling as every other call.
 */
@Injectable({ providedIn: 'root' })
export class UploadHttpClient extends HttpClient {
  constructor() {
    const backend = inject(HttpXhrBackend);
    const injector = inject(EnvironmentInjector);
    const handler: HttpHandler = {
      handle: (req: HttpRequest<unknown>): Observable<HttpEvent<unknown>> =>
        runInInjectionContext(injector, () => sessionExpiredInterceptor(req, (r) => backend.handle(r))),
    };
    super(handler);
  }
}
