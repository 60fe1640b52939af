import { RouteConfig } from '@nestjs/platform-fastify';

/** Content types parsed into a raw Buffer body (besides application/json, which is parsed as JSON). */
export const UPLOAD_CONTENT_TYPES = ['text/csv', 'application/zip', 'application/x-zip-compressed'];

/**
 * Marks a route that takes a file as its request body (text/csv, application/zip as a Buffer, or
 * application/json): its body limit is UPLOAD_LIMIT_BYTES instead of BODY_LIMIT_BYTES.
 */
export const Upload = () => RouteConfig({ upload: true });
