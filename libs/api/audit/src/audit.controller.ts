import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditPage, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** `?action=kill_switch.*&targetType=conversation&targetId=…&cursor=…` */
  @Get()
  @RequirePermissions(Permission.AuditRead)
  list(@Query() query: Record<string, string>): Promise<AuditPage> {
    return this.audit.list(query);
  }
}
