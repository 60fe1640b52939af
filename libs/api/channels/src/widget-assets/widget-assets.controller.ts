import { Controller, Get, Headers, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { Public } from '@kefu/api/platform/http';
import { DemoStorefront, type DemoQuery } from './demo-storefront.service';
import { WidgetBundle } from './widget-bundle.service';

/** Browsers and CDNs re-check the script every 5 minutes (cheap: ETag → 304), so an upgrade reaches shops fast. */
export const WIDGET_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

/** The chat widget's script, and the demo storefront page that shows it on a product page. */
@ApiTags('channels')
@Controller()
export class WidgetAssetsController {
  constructor(
    private readonly bundle: WidgetBundle,
    private readonly demo: DemoStorefront,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('widget.js')
  @ApiOperation({
    summary: 'The web chat widget script: <script src="…/widget.js" data-inbox="<inbox id>" async>',
  })
  script(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply) {
    const file = this.bundle.get();
    if (!file) {
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send(
          'widget.js is not built on this server: run `npm run build:widget` (or `npm run build`) and reload.',
        );
    }
    void reply
      .header('Cache-Control', WIDGET_CACHE_CONTROL)
      .header('ETag', file.etag)
      .header('X-Content-Type-Options', 'nosniff')
      // Shops embed it from their own origin, including pages isolated with COEP.
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Access-Control-Allow-Origin', '*');
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === file.etag)) {
      return reply.status(304).send();
    }
    return reply.type('application/javascript; charset=utf-8').send(file.body);
  }

  @Public()
  @Get('demo')
  @ApiOperation({
    summary: 'Demo storefront: a product page of the demo shop with the chat widget (demo mode only)',
  })
  @ApiQuery({ name: 'product', required: false, description: 'a product id of the demo shop, e.g. P1002' })
  @ApiQuery({
    name: 'as',
    required: false,
    description: 'log in as this demo customer (e.g. C100001): the page signs the id with the inbox secret',
  })
  @ApiQuery({ name: 'lang', required: false, description: 'zh-CN, en or ja (default: Accept-Language)' })
  @ApiQuery({
    name: 'inbox',
    required: false,
    description: 'a widget inbox id (default: the one named "Demo storefront")',
  })
  async storefront(@Query() query: DemoQuery, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    void reply
      .header('Cache-Control', 'no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'same-origin');
    if (!this.config.seedDemo) {
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send(
          'The demo storefront is only served in demo mode (SEED_DEMO=true, the default of the embedded mode).',
        );
    }
    const origin = (
      this.config.PUBLIC_URL ?? `${req.protocol}://${req.headers.host ?? `localhost:${this.config.PORT}`}`
    ).replace(/\/+$/, '');
    // A repeated parameter (?as=a&as=b) arrives as an array: only single values count.
    const one = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const q: DemoQuery = {
      product: one(query?.product),
      as: one(query?.as),
      lang: one(query?.lang),
      added: one(query?.added),
      inbox: one(query?.inbox),
    };
    const page = await this.demo.render(q, req.headers['accept-language'], origin);
    return reply.status(page.status).type('text/html; charset=utf-8').send(page.html);
  }
}
