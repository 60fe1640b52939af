export { WidgetAssetsModule } from './widget-assets.module';
export { DemoInboxSeeder, DEMO_INBOX_SETTINGS } from './demo-inbox.seeder';
export { DemoStorefront, DEMO_INBOX_NAME, signUserId } from './demo-storefront.service';
