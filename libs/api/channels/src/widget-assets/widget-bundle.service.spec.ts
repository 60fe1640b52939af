import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWidgetBundle, WidgetBundle } from './widget-bundle.service';

describe('finding the built widget', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kefu-bundle-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('walks up from the compiled API (dist/apps/api/libs/…) or the sources to the root holding dist/', () => {
    mkdirSync(join(root, 'dist', 'apps', 'widget'), { recursive: true });
    writeFileSync(join(root, 'dist', 'apps', 'widget', 'widget.js'), 'x');
    const expected = join(root, 'dist', 'apps', 'widget', 'widget.js');
    expect(
      findWidgetBundle(join(root, 'dist', 'apps', 'api', 'libs', 'api', 'channels', 'src', 'widget-assets')),
    ).toBe(expected);
    expect(findWidgetBundle(join(root, 'libs', 'api', 'channels', 'src', 'widget-assets'))).toBe(expected);
  });

  it('answers null when it was never built, and a stable ETag when it was', () => {
    expect(new WidgetBundle(join(root, 'a')).get()).toBeNull();
    mkdirSync(join(root, 'dist', 'apps', 'widget'), { recursive: true });
    writeFileSync(join(root, 'dist', 'apps', 'widget', 'widget.js'), 'console.log(1)');
    const bundle = new WidgetBundle(join(root, 'a'));
    const first = bundle.get();
    expect(first?.body.toString()).toBe('console.log(1)');
    expect(bundle.get()?.etag).toBe(first?.etag);
  });
});
