import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RuleTestResultDto } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { RuleTesterService } from './rule-tester.service';

@ApiTags('handoff')
@Controller('api/v1/handoff/rules/test')
export class RuleTesterController {
  constructor(private readonly tester: RuleTesterService) {}

  /** A message (pasted, or a shopper's from a conversation) through the safety triggers and the rules; writes nothing. */
  @Post()
  @HttpCode(200)
  @RequirePermissions(Permission.HandoffManage)
  @ApiOperation({ summary: 'Which rule fires for a message and why, condition by condition' })
  test(@Body() body: unknown): Promise<RuleTestResultDto> {
    return this.tester.test(body);
  }
}
