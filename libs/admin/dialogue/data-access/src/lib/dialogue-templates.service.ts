import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type {
  DialogueTemplateDto,
  ListTemplatesQuery,
  PutTemplateInput,
  UpdateTemplateInput,
} from './dialogue-template';

export const TEMPLATES_API = '/api/v1/dialogue/templates';

/** Query parameters from an object, leaving out null, undefined and blank values. */
function queryParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || String(value).trim() === '') continue;
    params = params.set(key, String(value).trim());
  }
  return params;
}

const idPath = (id: string) => `${TEMPLATES_API}/${encodeURIComponent(id)}`;

/** The bot's reply templates: read them (`dialogue.read`) and save new versions (`dialogue.manage`). */
@Injectable({ providedIn: 'root' })
export class DialogueTemplatesService {
  private readonly http = inject(HttpClient);

  /** Every template matching the filters (all of them, a few hundred, without filters), by key. */
  list(query: ListTemplatesQuery = {}): Observable<DialogueTemplateDto[]> {
    return this.http.get<DialogueTemplateDto[]>(TEMPLATES_API, { params: queryParams(query) });
  }

  get(id: string): Observable<DialogueTemplateDto> {
    return this.http.get<DialogueTemplateDto>(idPath(id));
  }

  /** Saves a new version of one template; a stale `expectedVersion` is a 409, a bad text a 400. */
  update(id: string, input: UpdateTemplateInput): Observable<DialogueTemplateDto> {
    return this.http.put<DialogueTemplateDto>(idPath(id), input);
  }

  /**
   * Saves the template of `key` × `locale` × `region`: edits it when it exists, otherwise adds it
   * (a missing locale, or a regional variant of a key that exists).
   */
  put(input: PutTemplateInput): Observable<DialogueTemplateDto> {
    return this.http.put<DialogueTemplateDto>(TEMPLATES_API, input);
  }
}
