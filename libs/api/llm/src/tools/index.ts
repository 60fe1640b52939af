export * from './commerce-tool-executor';
export * from './money-claims';
export * from './tool-definitions';
export type { ToolExecution, ToolExecutor, ToolStatus } from './tool-execution';
export * from './tool-loop';
export * from './tool-policy';
export * from './tool-schemas';
