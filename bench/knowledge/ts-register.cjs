// Lets plain Node run the TypeScript sources (no build needed): compiles .ts with @swc/core on
// require and resolves the @kefu/* path aliases of tsconfig.base.json. Bench use only.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '../..');
const swc = require(path.join(root, 'node_modules/@swc/core'));
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const target = compilerOptions.paths[request];
  return resolve.call(this, target ? path.join(root, target[0]) : request, parent, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
