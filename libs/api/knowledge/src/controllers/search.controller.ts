import { Body, Controller, Get, HttpCode, Put, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { KnowledgeSearchResultDto, KnowledgeSettingsDto, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { KnowledgeService } from '../knowledge.service';
import { KnowledgeSettingsService } from '../settings/knowledge-settings.service';

@ApiTags('knowledge')
@Controller('api/v1/knowledge')
export class SearchController {
  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly settings: KnowledgeSettingsService,
  ) {}

  /** The admin's "test retrieval" box: ranked hits with scores, the threshold and the query terms. */
  @Post('search')
  @HttpCode(200)
  @RequirePermissions(Permission.KnowledgeRead)
  search(@Body() body: unknown): Promise<KnowledgeSearchResultDto> {
    return this.knowledge.searchRequest(body);
  }

  @Get('settings')
  @RequirePermissions(Permission.KnowledgeRead)
  getSettings(): Promise<KnowledgeSettingsDto> {
    return this.settings.get();
  }

  @Put('settings')
  @RequirePermissions(Permission.KnowledgeManage)
  putSettings(@Body() body: unknown, @CurrentUser() user?: AuthUser): Promise<KnowledgeSettingsDto> {
    return this.settings.update(body, user?.id ?? null);
  }
}
