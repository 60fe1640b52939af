import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LlmTrainingCandidateDto, LlmTrainingCandidatePage, Permission } from '@kefu/shared/contracts';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { RequirePermissions } from '@kefu/api/platform/http';
import { LlmTrainingCandidates } from './llm-training-candidates.service';

/** Messages Claude read differently from the offline engine: accept as training data, or dismiss (admins). */
@ApiTags('llm')
@Controller('api/v1/llm/training-candidates')
@RequirePermissions(Permission.LlmManage)
export class LlmTrainingCandidatesController {
  constructor(private readonly candidates: LlmTrainingCandidates) {}

  @Get()
  @ApiOperation({ summary: 'Newest first, 50 a page (?status=new|accepted|dismissed&cursor=…)' })
  list(@Query() query: Record<string, string>): Promise<LlmTrainingCandidatePage> {
    return this.candidates.list(query);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: "Add the message as an NLU example of `intent` (default: Claude's reading)" })
  accept(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<LlmTrainingCandidateDto> {
    return this.candidates.accept(id, body, user);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Not training data' })
  dismiss(@Param('id') id: string): Promise<LlmTrainingCandidateDto> {
    return this.candidates.dismiss(id);
  }
}
