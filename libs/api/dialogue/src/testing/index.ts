/**
 * Conversation stories (docs/stories.md): YAML scripts of shopper turns with expectations, run
 * against the real pipeline — API channel → queue → worker → database. Used by `npm run stories`
 * (apps/api/src/stories-cli.ts) and by the integration test apps/api/src/stories.int-spec.ts.
 */
export * from './story.schema';
export * from './story-checks';
export * from './story-runner';
export * from './story-report';
export * from './story-app';
