import { Global, Module } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ChannelType } from '@kefu/shared/contracts';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { createTestApp, resetDatabase, serviceUrls, TestApp } from '@kefu/api/platform/testing';
import { CommerceSeeder } from '@kefu/api/commerce';
import { InboxesService } from '@kefu/api/conversations';
import { DemoInboxSeeder } from './demo-inbox.seeder';
import { DEMO_INBOX_NAME, signUserId } from './demo-storefront.service';
import { WidgetAssetsModule } from './widget-assets.module';
import { WIDGET_BUNDLE_SEARCH_FROM } from './widget-bundle.service';

const { migrations } = require(join(__dirname, '../../../../../apps/api/migrations')) as { migrations: [] };
const BUNDLE = '/* Kefu chat widget (test fixture) */\n(function(){window.__kefu=1})();\n';

/** The API's widget assets on their own, with the bundle looked up in a temporary "repository". */
function rootWith(bundleRoot: string) {
  @Global()
  @Module({
    providers: [{ provide: WIDGET_BUNDLE_SEARCH_FROM, useValue: bundleRoot }],
    exports: [WIDGET_BUNDLE_SEARCH_FROM],
  })
  class BundleLocation {}
  @Module({})
  class WidgetAssetsRoot {}
  return (config: AppConfig) => ({
    module: WidgetAssetsRoot,
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule.forRoot({ migrations }),
      QueueModule,
      HttpModule,
      BundleLocation,
      WidgetAssetsModule,
    ],
  });
}

describe('widget.js and the demo storefront (PostgreSQL)', () => {
  let t: TestApp;
  let dir: string;
  let bundlePath: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, { headers });
  const demoInbox = async () =>
    (await t.app.get(InboxesService).list()).filter(
      (i) => i.channel === ChannelType.Widget && i.name === DEMO_INBOX_NAME,
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-widget-assets-'));
    bundlePath = join(dir, 'dist', 'apps', 'widget', 'widget.js');
    mkdirSync(join(dir, 'dist', 'apps', 'widget'), { recursive: true });
    writeFileSync(bundlePath, BUNDLE);
    // A fresh database, so the boot below seeds the demo shop and its widget inbox the way a first start does.
    const db = new DataSource({ type: 'postgres', url: serviceUrls().test });
    await db.initialize();
    await resetDatabase(db);
    await db.destroy();
    t = await createTestApp(rootWith(join(dir, 'a', 'b')), { SEED_DEMO: 'true' });
    await t.app.get(CommerceSeeder).done;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves widget.js as JavaScript with a short cache and an ETag, and 304 while unchanged', async () => {
    const res = await get('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/max-age=300/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await res.text()).toBe(BUNDLE);
    const etag = res.headers.get('etag') as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/widget.js', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves the new bundle after a rebuild, and says how to build it when it is missing', async () => {
    const before = (await get('/widget.js')).headers.get('etag');
    writeFileSync(bundlePath, `${BUNDLE}// rebuilt\n`, { flag: 'w' });
    const { utimesSync } = await import('node:fs');
    utimesSync(bundlePath, new Date(), new Date(Date.now() + 5000));
    const rebuilt = await get('/widget.js');
    expect(await rebuilt.text()).toContain('// rebuilt');
    expect(rebuilt.headers.get('etag')).not.toBe(before);

    rmSync(bundlePath);
    const missing = await get('/widget.js');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('npm run build:widget');
    writeFileSync(bundlePath, BUNDLE);
    expect((await get('/widget.js')).status).toBe(200);
  });

  it('seeds one "Demo storefront" widget inbox with the demo shop, and only once', async () => {
    const seeded = await demoInbox();
    expect(seeded).toHaveLength(1);
    expect(seeded[0].settings).toMatchObject({ color: '#c2185b', locale: 'auto' });
    const again = await t.app.get(DemoInboxSeeder).seed();
    expect(again.created).toBe(false);
    expect(again.inbox.id).toBe(seeded[0].id);
    expect(await demoInbox()).toHaveLength(1);
  });

  it('shows a product page of the demo shop with the widget tag and the product as page context', async () => {
    const [inbox] = await demoInbox();
    const res = await get('/demo', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await res.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain(`<script src="widget.js" data-inbox="${inbox.id}" async></script>`);
    expect(page).toContain('"productId":"P1001"');
    expect(page).toContain('加入购物车');
    expect(page).toMatch(/<p class="price">¥\d/);
    // The related products link to their own pages.
    expect(page).toMatch(/href="demo\?product=P10\d\d&amp;lang=zh-CN"/);
  });

  it('shows another product with ?product= and answers 404 for an unknown one', async () => {
    const other = await (await get('/demo?product=P1002&lang=en')).text();
    expect(other).toContain('"productId":"P1002"');
    expect(other).toContain('Add to cart');
    const unknown = await get('/demo?product=NOPE-1&lang=en');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('There is no product NOPE-1 in the demo shop.');
  });

  it('logs in as a demo customer: the server signs the customer ref with the inbox secret', async () => {
    const [inbox] = await demoInbox();
    const page = await (await get('/demo?as=C100001&lang=en')).text();
    const hash = signUserId(inbox.secret, 'C100001');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(page).toContain(`"identity":{"userId":"C100001","hash":"${hash}"`);
    expect(page).toContain('Logged in as');
    expect(page).not.toContain(inbox.secret);
  });

  it('does not sign an unknown customer and says so', async () => {
    const page = await (await get('/demo?as=C999999&lang=en')).text();
    expect(page).toContain('There is no demo customer C999999');
    expect(page).not.toContain('"identity"');
  });

  it('escapes everything it echoes: markup in the query never reaches the page as markup', async () => {
    const evil = encodeURIComponent('"><script>alert(1)</script>');
    const res = await get(`/demo?product=${evil}&as=${evil}&lang=${evil}`);
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('"><script');
    expect(page).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says clearly when there is no widget inbox, and loads no widget', async () => {
    await t.db.query(`DELETE FROM inboxes WHERE channel = 'widget'`);
    const page = await (await get('/demo?lang=en')).text();
    expect(page).toContain('No widget inbox exists yet, so this page has no chat.');
    expect(page).not.toContain('widget.js" data-inbox');
    await t.app.get(DemoInboxSeeder).seed();
    expect(await demoInbox()).toHaveLength(1);
  });
});
