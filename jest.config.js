// One Jest run for everything. `unit` tests (*.spec.ts) talk to nothing; `integration` tests
// (*.int-spec.ts) talk to the real PostgreSQL and Redis named by DATABASE_URL / REDIS_URL; `admin`
// runs the admin libraries' specs (services, pure helpers) with Angular's packages compiled.
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replace(/\//g, '\\/')}$`, `<rootDir>/${target}`]),
);

const transform = {
  '^.+\\.(ts|js)$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
  // ESM-only dependencies (Node 20.19 loads them natively; Jest's CommonJS runtime needs them compiled).
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|email-reply-parser)/)'],
  roots: ['<rootDir>/libs', '<rootDir>/apps'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/libs/admin/', '<rootDir>/apps/admin/'],
};

module.exports = {
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'admin',
      testMatch: ['**/*.spec.ts'],
      roots: ['<rootDir>/libs/admin'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      transform: { '^.+\\.(ts|m?js)$': transform['^.+\\.(ts|js)$'] },
      // Angular and Transloco are published as ES modules: compile them too.
      transformIgnorePatterns: ['/node_modules/(?!(@angular|@jsverse)/)'],
      moduleFileExtensions: ['ts', 'mjs', 'js', 'json'],
      setupFiles: ['<rootDir>/libs/admin/test-setup.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/api/platform/testing/src/global-setup.ts',
      setupFiles: ['<rootDir>/libs/api/platform/testing/src/setup-env.ts'],
    },
  ],
};
