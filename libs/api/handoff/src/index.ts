export * from './handoff.module';
export * from './entities';
export * from './rules';
export * from './routing';
export * from './workspace';
export { HandoffSeeder } from './handoff.seeder';
