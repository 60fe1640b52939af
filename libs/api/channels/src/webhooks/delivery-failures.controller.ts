import {
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BulkReplayResultDto,
  deliveryFailureRefSchema,
  DeliveryFailurePageDto,
  hasPermission,
  Permission,
  replayDeliveryFailuresSchema,
  ReplayResultDto,
  Role,
} from '@kefu/shared/contracts';
import { parseWith, RequirePermissions } from '@kefu/api/platform/http';
import { DeliveryFailuresService, FailureView } from './delivery-failures.service';
import { DeliveryReplayService } from './delivery-replay.service';

type WithUser = { user?: { role: Role } };
const viewOf = (req: WithUser): FailureView => ({
  webhooks: !!req.user && hasPermission(req.user.role, Permission.WebhooksManage),
  preview: !!req.user && hasPermission(req.user.role, Permission.ConversationsRead),
});

/**
 * What could not be delivered: dead webhook deliveries and failed outgoing messages on any channel, and
 * their replay. Message text is personal data: only readers of conversations see a preview of it.
 */
@ApiTags('webhooks')
@Controller('api/v1/delivery-failures')
@RequirePermissions(Permission.InboxesManage)
export class DeliveryFailuresController {
  constructor(
    private readonly failures: DeliveryFailuresService,
    private readonly replays: DeliveryReplayService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Dead webhook deliveries and failed outgoing messages, newest first' })
  list(@Query() query: unknown, @Req() req: WithUser): Promise<DeliveryFailurePageDto> {
    return this.failures.list(query, viewOf(req));
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay several failures; one outcome per item' })
  async replayMany(@Body() body: unknown, @Req() req: WithUser): Promise<BulkReplayResultDto> {
    const { items } = parseWith(replayDeliveryFailuresSchema, body);
    const view = viewOf(req);
    const results: ReplayResultDto[] = [];
    const seen = new Set<string>();
    for (const ref of items) {
      if (seen.has(`${ref.kind}:${ref.id}`)) continue;
      seen.add(`${ref.kind}:${ref.id}`);
      results.push(
        ref.kind === 'webhook' && !view.webhooks
          ? { ...ref, outcome: 'not_found', message: 'replaying webhook deliveries needs webhooks.manage' }
          : await this.replays.replay(ref),
      );
    }
    return { queued: results.filter((r) => r.outcome === 'queued').length, results };
  }

  @Post(':kind/:id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay one failure: 409 when there is nothing to replay' })
  async replay(
    @Param('kind') kind: string,
    @Param('id') id: string,
    @Req() req: WithUser,
  ): Promise<ReplayResultDto> {
    const ref = parseWith(deliveryFailureRefSchema, { kind, id }, 'path');
    if (ref.kind === 'webhook' && !viewOf(req).webhooks)
      throw new ForbiddenException('replaying webhook deliveries needs the webhooks.manage permission');
    const result = await this.replays.replay(ref);
    if (result.outcome === 'not_found') throw new NotFoundException(result.message);
    if (result.outcome === 'conflict') throw new ConflictException(result.message);
    if (result.outcome === 'unavailable') throw new ServiceUnavailableException(result.message);
    return result;
  }
}
