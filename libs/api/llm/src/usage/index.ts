export { PostgresUsageRecorder, SPENT_CACHE_MS } from './postgres-usage-recorder';
export { LlmUsageReportService } from './llm-usage-report.service';
export { LlmUsageController } from './llm-usage.controller';
