import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** Validates input with a zod schema; a failure is a 400 naming each bad field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.') || what, message: i.message }));
  const first = issues[0];
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `invalid ${what}: ${first.path} ${first.message}`,
    issues,
  });
}
