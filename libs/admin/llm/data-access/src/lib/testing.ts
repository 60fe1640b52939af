import {
  DEFAULT_LLM_SETTINGS,
  LlmSettingsDto,
  LlmTrainingCandidateDto,
  LlmUsageDay,
  LlmUsageReportDto,
} from '@kefu/shared/contracts';

/** Fixtures for this library's specs. */
export function settingsDto(over: Partial<LlmSettingsDto> = {}): LlmSettingsDto {
  return {
    ...DEFAULT_LLM_SETTINGS,
    keySet: false,
    keyLast4: null,
    keySource: 'none',
    keyStorageAvailable: true,
    status: { off: 'no_key', breaker: 'closed', spentTodayUsd: 0 },
    version: 1,
    updatedAt: null,
    updatedBy: null,
    ...over,
  };
}

export function usageDay(day: string, over: Partial<LlmUsageDay> = {}): LlmUsageDay {
  return {
    day,
    calls: 0,
    failed: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    costUsd: 0,
    medianLatencyMs: null,
    ...over,
  };
}

export function usageReport(days: LlmUsageDay[], over: Partial<LlmUsageReportDto> = {}): LlmUsageReportDto {
  const sum = (k: keyof Omit<LlmUsageDay, 'day' | 'medianLatencyMs'>) => days.reduce((s, d) => s + d[k], 0);
  const cacheRead = sum('cacheReadTokens');
  const input = sum('inputTokens');
  return {
    from: days[0]?.day ?? '2026-11-01',
    to: days[days.length - 1]?.day ?? '2026-11-01',
    timezone: 'Asia/Shanghai',
    days,
    byPurpose: [],
    totals: {
      calls: sum('calls'),
      failed: sum('failed'),
      inputTokens: input,
      outputTokens: sum('outputTokens'),
      cacheReadTokens: cacheRead,
      cacheWriteTokens: sum('cacheWriteTokens'),
      costUsd: sum('costUsd'),
      cacheHitRatio: cacheRead + input > 0 ? cacheRead / (cacheRead + input) : 0,
    },
    dailyBudgetUsd: 20,
    ...over,
  };
}

export function candidate(over: Partial<LlmTrainingCandidateDto> = {}): LlmTrainingCandidateDto {
  return {
    id: 'c1',
    text: '我买的鞋子码数不对，能换吗',
    language: 'zh',
    offlineIntent: 'product_inquiry',
    offlineConfidence: 0.41,
    llmIntent: 'exchange_request',
    llmConfidence: 0.93,
    conversationId: null,
    status: 'new',
    createdAt: '2026-11-20T08:00:00.000Z',
    ...over,
  };
}
