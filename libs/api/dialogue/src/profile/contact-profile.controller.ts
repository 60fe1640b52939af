import { Controller, ForbiddenException, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ContactProfileDto, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { ConversationAccess } from '@kefu/api/conversations';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { ContactProfileService } from './contact-profile.service';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('dialogue')
@Controller('api/v1/contacts')
export class ContactProfileController {
  constructor(
    private readonly profiles: ContactProfileService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
  ) {}

  @Get(':id/profile')
  @RequirePermissions(Permission.ConversationsRead)
  @ApiOperation({ summary: "The shopper's profile: customer record, recent orders, past topics and tags" })
  async profile(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<ContactProfileDto> {
    const exists = UUID_RE.test(id) ? await this.db.query(`SELECT 1 FROM contacts WHERE id = $1`, [id]) : [];
    if (!exists.length) throw new NotFoundException(`contact ${id} does not exist`);
    await this.assertInScope(id, user);
    const p = await this.profiles.profile(id);
    return {
      contactId: p.contactId,
      customer: p.customer,
      recentOrders: p.recentOrders.map((o) => ({
        number: o.number,
        status: o.status,
        total: o.total,
        currency: o.currency,
        placedAt: o.placedAt.toISOString(),
        items: o.items.map((i) => ({ name: i.name, quantity: i.quantity })),
        shipmentStatus: o.shipments[0]?.status ?? null,
      })),
      pastTopics: p.pastTopics.map((t) => ({ ...t, at: t.at.toISOString() })),
      conversations: p.conversations,
      tags: p.tags,
    };
  }

  /** Staff who see only their teams' and their own conversations see shoppers they talk to there. */
  private async assertInScope(contactId: string, user: AuthUser): Promise<void> {
    const scope = await this.access.scopeOf(user);
    const params: unknown[] = [contactId];
    const where = this.access.sql(scope, params, 'c');
    if (!where) return;
    const rows = (await this.db.query(`SELECT 1 FROM conversations c WHERE c.contact_id = $1 AND ${where} LIMIT 1`, params)) as unknown[];
    if (!rows.length) throw new ForbiddenException(`contact ${contactId} has no conversation routed to your teams or to you`);
  }
}
