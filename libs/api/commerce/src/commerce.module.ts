import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DEFAULT_RETURN_POLICY } from './calculators/return-routing';
import { BuiltInCommerceActions, RETURN_POLICY } from './connector/built-in-commerce-actions';
import { BuiltInCommerceConnector } from './connector/built-in-commerce.connector';
import { COMMERCE_CONNECTOR, CommerceConnector } from './connector/commerce-connector';
import { HttpCommerceConnector } from './connector/http-commerce.connector';
import { COMMERCE_ENTITIES } from './entities';
import { CommerceSeeder } from './seed/commerce-seeder.service';

/**
 * Commerce: the shop's catalogue, customers, orders, shipments, promotions and returns, read through
 * the `COMMERCE_CONNECTOR` port. Import it once in the API's root module.
 */
@Module({
  imports: [TypeOrmModule.forFeature(COMMERCE_ENTITIES)],
  providers: [
    CommerceSeeder,
    // The built-in shop's return policy (behaviour settings belong in the database: a later admin page).
    { provide: RETURN_POLICY, useValue: DEFAULT_RETURN_POLICY },
    BuiltInCommerceActions,
    BuiltInCommerceConnector,
    {
      // The enterprise's order system when COMMERCE_API_URL is set, else the built-in tables.
      provide: COMMERCE_CONNECTOR,
      inject: [APP_CONFIG, BuiltInCommerceConnector],
      useFactory: (config: AppConfig, builtIn: BuiltInCommerceConnector): CommerceConnector =>
        config.COMMERCE_API_URL
          ? new HttpCommerceConnector({
              baseUrl: config.COMMERCE_API_URL,
              token: config.COMMERCE_API_TOKEN,
              timeoutMs: config.COMMERCE_TIMEOUT_MS,
            })
          : builtIn,
    },
  ],
  exports: [COMMERCE_CONNECTOR, BuiltInCommerceConnector, CommerceSeeder],
})
export class CommerceModule {}
