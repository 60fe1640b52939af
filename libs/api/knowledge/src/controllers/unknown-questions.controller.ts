import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { KnowledgeArticleDto, Page, Permission, UnknownQuestionGroupDto } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { UnknownQuestionsService } from '../unknown/unknown-questions.service';

@ApiTags('knowledge')
@Controller('api/v1/knowledge/unknown-questions')
export class UnknownQuestionsController {
  constructor(private readonly unknown: UnknownQuestionsService) {}

  /** Groups, biggest first; `?status=open|labelled|converted|dismissed&language=&limit=&cursor=`. */
  @Get()
  @RequirePermissions(Permission.KnowledgeRead)
  list(@Query() query: Record<string, string>): Promise<Page<UnknownQuestionGroupDto>> {
    return this.unknown.list(query);
  }

  @Get(':id')
  @RequirePermissions(Permission.KnowledgeRead)
  get(@Param('id') id: string): Promise<UnknownQuestionGroupDto> {
    return this.unknown.get(id);
  }

  @Post(':id/label')
  @HttpCode(200)
  @RequirePermissions(Permission.KnowledgeManage)
  label(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user?: AuthUser,
  ): Promise<UnknownQuestionGroupDto> {
    return this.unknown.label(id, body, user?.id ?? null);
  }

  @Post(':id/article')
  @RequirePermissions(Permission.KnowledgeManage)
  toArticle(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user?: AuthUser,
  ): Promise<KnowledgeArticleDto> {
    return this.unknown.toArticle(id, body, user?.id ?? null);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @RequirePermissions(Permission.KnowledgeManage)
  dismiss(@Param('id') id: string, @CurrentUser() user?: AuthUser): Promise<UnknownQuestionGroupDto> {
    return this.unknown.dismiss(id, user?.id ?? null);
  }
}
