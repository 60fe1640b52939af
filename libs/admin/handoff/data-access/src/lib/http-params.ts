import { HttpParams } from '@angular/common/http';

export const HANDOFF_API = '/api/v1/handoff';

/** Query parameters from an object, leaving out null, undefined and empty values. */
export function queryParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== null && v !== undefined && v !== '') params = params.set(k, String(v));
  }
  return params;
}
