export * from './test-services';
export * from './test-app';
export * from './fake-http-server';
export * from './tcp-proxy';
