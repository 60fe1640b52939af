import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { KnowledgeFeedDto, KnowledgeFeedRunDto, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { FeedsService } from '../feeds/feeds.service';

@ApiTags('knowledge')
@Controller('api/v1/knowledge/feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get()
  @RequirePermissions(Permission.KnowledgeRead)
  list(): Promise<KnowledgeFeedDto[]> {
    return this.feeds.list();
  }

  @Post()
  @RequirePermissions(Permission.KnowledgeManage)
  create(@Body() body: unknown, @CurrentUser() user?: AuthUser): Promise<KnowledgeFeedDto> {
    return this.feeds.create(body, user?.id ?? null);
  }

  @Get(':id')
  @RequirePermissions(Permission.KnowledgeRead)
  get(@Param('id') id: string): Promise<KnowledgeFeedDto> {
    return this.feeds.get(id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.KnowledgeManage)
  update(@Param('id') id: string, @Body() body: unknown): Promise<KnowledgeFeedDto> {
    return this.feeds.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.KnowledgeManage)
  remove(@Param('id') id: string): Promise<void> {
    return this.feeds.remove(id);
  }

  @Get(':id/runs')
  @RequirePermissions(Permission.KnowledgeRead)
  runs(@Param('id') id: string): Promise<KnowledgeFeedRunDto[]> {
    return this.feeds.runs(id);
  }

  /** Sync now; answers 202 with the run, which the job completes. */
  @Post(':id/run')
  @HttpCode(202)
  @RequirePermissions(Permission.KnowledgeManage)
  run(@Param('id') id: string): Promise<KnowledgeFeedRunDto> {
    return this.feeds.runNow(id);
  }
}
