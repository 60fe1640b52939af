import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorDto } from '@kefu/shared/contracts';

/**
 * Turns anything an HTTP call can fail with into the API's error shape. Network failures and non-JSON
 * answers get `statusCode: 0` / the HTTP status and an empty message, so callers can show a generic text.
 */
export function toApiError(err: unknown): ApiErrorDto {
  if (err instanceof HttpErrorResponse) {
    const body: unknown = err.error;
    if (body && typeof body === 'object' && 'message' in body) {
      const b = body as Partial<ApiErrorDto> & { message: unknown };
      return {
        statusCode: typeof b.statusCode === 'number' ? b.statusCode : err.status,
        error: typeof b.error === 'string' ? b.error : err.statusText,
        message: Array.isArray(b.message) ? b.message.join('; ') : String(b.message ?? ''),
        issues: Array.isArray(b.issues) ? b.issues : undefined,
      };
    }
    return { statusCode: err.status, error: err.statusText, message: '' };
  }
  return { statusCode: 0, error: 'Error', message: err instanceof Error ? err.message : '' };
}
