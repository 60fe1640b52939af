/** Test kits of the Claude layer: the local fake Messages API server (driven by the real SDK). */
export * from './fake-messages-server';
