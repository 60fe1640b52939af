import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, WebhookDto, WebhookTestResultDto } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { WebhooksService } from './webhooks.service';

/** Outbound webhooks (docs/webhooks.md). The signing secret is in the create and rotate answers only. */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
@RequirePermissions(Permission.WebhooksManage)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  list(): Promise<WebhookDto[]> {
    return this.webhooks.list();
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<WebhookDto> {
    return this.webhooks.dto(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a webhook; the answer shows its signing secret, once' })
  create(@Body() body: unknown): Promise<WebhookDto> {
    return this.webhooks.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, URL, events or enabled; enabling sends what waited meanwhile' })
  update(@Param('id') id: string, @Body() body: unknown): Promise<WebhookDto> {
    return this.webhooks.update(id, body);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, shown in this answer only' })
  rotate(@Param('id') id: string): Promise<WebhookDto> {
    return this.webhooks.rotateSecret(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'POST a signed webhook.test event now and answer what the receiver said' })
  test(@Param('id') id: string): Promise<WebhookTestResultDto> {
    return this.webhooks.test(id);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await this.webhooks.remove(id);
  }
}
