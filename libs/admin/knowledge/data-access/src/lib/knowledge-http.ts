import { HttpParams } from '@angular/common/http';

/** Every knowledge endpoint lives under this path. */
export const KNOWLEDGE_API = '/api/v1/knowledge';

/** Query parameters from an object, leaving out null, undefined and empty strings. */
export function queryParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}

export const idPath = (id: string | number) => encodeURIComponent(String(id));
