export { AuditModule } from './audit.module';
export { AuditService } from './audit.service';
export type { AuditRecord } from './audit.service';
export { AuditEntry } from './entities/audit-entry.entity';
import { registerPersonalData } from '@kefu/api/platform/database';

registerPersonalData({
  table: 'audit_log',
  columns: ['actor_id'],
  subject: { kind: 'user', column: 'actor_id' },
  description: 'which staff member changed rules, settings or the kill switch, or took over a conversation, and when',
});
