import { Module } from '@nestjs/common';
import { ConversationsModule } from '@kefu/api/conversations';
import { CommerceModule } from '@kefu/api/commerce';
import { DemoInboxSeeder } from './demo-inbox.seeder';
import { DemoStorefront } from './demo-storefront.service';
import { WidgetAssetsController } from './widget-assets.controller';
import { WidgetBundle } from './widget-bundle.service';

/** GET /widget.js (the built chat widget) and GET /demo (the demo storefront), with the demo widget inbox. */
@Module({
  imports: [ConversationsModule, CommerceModule],
  controllers: [WidgetAssetsController],
  providers: [WidgetBundle, DemoStorefront, DemoInboxSeeder],
  exports: [DemoInboxSeeder, DemoStorefront],
})
export class WidgetAssetsModule {}
