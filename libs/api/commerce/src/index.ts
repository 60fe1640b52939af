/**
 * @kefu/api/commerce — pure commerce calculators (no I/O, no framework).
 *
 * Conventions: money is an integer amount in minor units (fen, cents; yen for JPY) with an ISO 4217 currency;
 * shopper-facing texts come in zh-CN, en and ja; invalid input throws `RangeError` naming the field, while
 * business outcomes (refused return, no size advice, unknown gateway code) are returned as values.
 */
export * from './calculators/common';
export * from './calculators/promotion-stacking';
export * from './calculators/size-advice';
export * from './calculators/return-routing';
export * from './calculators/compensation';
export * from './calculators/payment-diagnosis';

export * from './commerce.module';
export * from './connector/commerce-connector';
export { BuiltInCommerceConnector } from './connector/built-in-commerce.connector';
export { BuiltInCommerceActions, RETURN_POLICY } from './connector/built-in-commerce-actions';
export { HttpCommerceConnector, type HttpCommerceOptions } from './connector/http-commerce.connector';
export { CommerceSeeder, type SeedReport } from './seed/commerce-seeder.service';
export { DEMO_COUNTS, generateDemoShop } from './seed/demo-shop';
export * from './entities';
export { RETURN_KINDS, RETURN_STATUSES, type ReturnKind, type ReturnStatus } from './entities/rma.entity';
