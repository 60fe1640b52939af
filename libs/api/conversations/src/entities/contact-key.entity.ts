import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Kinds of verified key that link a shopper's identities on different channels to one contact. */
export type ContactKeyKind = 'email' | 'phone' | 'wechat_unionid' | 'customer';

/**
 * A verified key of a contact: a phone or e-mail the shopper proved, a WeChat unionid, or the shop's
 * customer id from a signed login. Unique per kind and value: a second identity arriving with the
 * same key joins the same contact.
 */
@Entity('contact_keys')
export class ContactKey {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) contactId!: string;
  @Column({ type: 'text' }) kind!: ContactKeyKind;
  @Column({ type: 'text' }) value!: string;
  @Column({ type: 'uuid', nullable: true }) sourceInboxId!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) verifiedAt!: Date;
}
