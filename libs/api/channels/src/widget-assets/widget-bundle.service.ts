import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where `npm run build:widget` writes the bundle, relative to the repository (and image) root. */
export const WIDGET_BUNDLE_PATH = join('dist', 'apps', 'widget', 'widget.js');

/** Injection token: the directory the bundle is searched from (tests point it elsewhere). */
export const WIDGET_BUNDLE_SEARCH_FROM = Symbol('WIDGET_BUNDLE_SEARCH_FROM');

export interface WidgetBundleFile {
  body: Buffer;
  etag: string;
  mtimeMs: number;
}

/**
 * The first `<dir>/dist/apps/widget/widget.js` walking up from `from`: the compiled API lives in
 * dist/apps/api/libs/api/channels/src/widget-assets, the sources (tests) in libs/api/channels/src/…;
 * both reach the root that holds dist/.
 */
export function findWidgetBundle(from: string, maxLevels = 10): string | null {
  let dir = resolve(from);
  for (let i = 0; i <= maxLevels; i++) {
    const candidate = join(dir, WIDGET_BUNDLE_PATH);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/**
 * The built widget (dist/apps/widget/widget.js), read once and again only when the file changes
 * (a rebuild while the server runs), with a content hash as its ETag.
 */
@Injectable()
export class WidgetBundle {
  private cached: (WidgetBundleFile & { path: string }) | null = null;

  constructor(
    @Optional() @Inject(WIDGET_BUNDLE_SEARCH_FROM) private readonly searchFrom: string = __dirname,
  ) {}

  /** The bundle, or null when it has not been built. */
  get(): WidgetBundleFile | null {
    const path = this.cached?.path ?? findWidgetBundle(this.searchFrom);
    if (!path) return null;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      this.cached = null;
      return null;
    }
    if (this.cached?.path === path && this.cached.mtimeMs === mtimeMs) return this.cached;
    const body = readFileSync(path);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    this.cached = { path, body, etag, mtimeMs };
    return this.cached;
  }
}
