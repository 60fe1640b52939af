export * from './lib/workspace.routes';
export * from './lib/workspace-icons';
