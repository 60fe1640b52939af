import type { ContactDto } from '@kefu/shared/contracts';

/** The best human-readable handle for a contact, or null when it has none (show a "visitor" label then). */
export function contactDisplayName(
  contact: Pick<ContactDto, 'name' | 'email' | 'phone'> & Partial<Pick<ContactDto, 'externalId'>>,
): string | null {
  return contact.name?.trim() || contact.externalId || contact.email || contact.phone || null;
}
