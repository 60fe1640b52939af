import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LlmUsageReportDto, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { LlmUsageReportService } from './llm-usage-report.service';

/** Claude's usage and cost (admins and analysts). */
@ApiTags('llm')
@Controller('api/v1/llm/usage')
@RequirePermissions(Permission.LlmRead)
export class LlmUsageController {
  constructor(private readonly report: LlmUsageReportService) {}

  @Get()
  @ApiOperation({
    summary: "Calls, tokens, cost and median latency per day of the shop's calendar (?days=30)",
  })
  get(@Query() query: Record<string, string>): Promise<LlmUsageReportDto> {
    return this.report.report(query);
  }
}
