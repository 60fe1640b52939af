/** The body of every 4xx/5xx answer from the API. */
export interface ApiErrorDto {
  statusCode: number;
  error: string;
  message: string;
  /** Field-level problems for validation errors: `path` is dotted, e.g. `businessHours.days.0.open`. */
  issues?: { path: string; message: string }[];
}
