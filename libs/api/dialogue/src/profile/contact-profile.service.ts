import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { COMMERCE_CONNECTOR, CommerceConnector, CommerceCustomer, CommerceOrder, CommerceUnavailableError } from '@kefu/api/commerce';
import { ContactProfile, PastTopic, profileTags } from './contact-profile';

interface OutcomeRow {
  conversation_id: string;
  intent: string;
  outcome: string;
  order_number: string | null;
  created_at: Date;
}

/**
 * The contact's memory: the shop customer it was matched to with their recent orders, the topics
 * of past conversations with their outcomes, and tags derived from them. Handlers read it; agents
 * see it through GET /api/v1/contacts/:id/profile.
 */
@Injectable()
export class ContactProfileService {
  private readonly log = new Logger(ContactProfileService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(COMMERCE_CONNECTOR) private readonly commerce: CommerceConnector,
  ) {}

  async profile(contactId: string, customerRef?: string | null): Promise<ContactProfile> {
    const [rows, convs, refRows] = await Promise.all([
      this.db.query(
        `SELECT conversation_id, intent, outcome, order_number, created_at FROM dialogue_outcomes
          WHERE contact_id = $1 ORDER BY created_at DESC, id DESC LIMIT 50`,
        [contactId],
      ) as Promise<OutcomeRow[]>,
      this.db.query(`SELECT count(*)::int AS n FROM conversations WHERE contact_id = $1`, [contactId]) as Promise<{ n: number }[]>,
      customerRef === undefined
        ? (this.db.query(`SELECT customer_ref FROM contacts WHERE id = $1`, [contactId]) as Promise<{ customer_ref: string | null }[]>)
        : Promise.resolve([{ customer_ref: customerRef }]),
    ]);
    const ref = refRows[0]?.customer_ref ?? null;
    let customer: CommerceCustomer | null = null;
    let recentOrders: CommerceOrder[] = [];
    if (ref) {
      try {
        [customer, recentOrders] = await Promise.all([
          this.commerce.findCustomer({ externalId: ref }),
          this.commerce.ordersOfCustomer(ref, { limit: 5 }),
        ]);
      } catch (err) {
        if (!(err instanceof CommerceUnavailableError)) throw err;
        this.log.warn(`profile without orders: ${err.message}`);
      }
    }
    const pastTopics: PastTopic[] = rows.map((r) => ({
      conversationId: r.conversation_id,
      intent: r.intent,
      outcome: r.outcome,
      orderNumber: r.order_number,
      at: new Date(r.created_at),
    }));
    return {
      contactId,
      customer,
      recentOrders,
      pastTopics,
      conversations: convs[0]?.n ?? 0,
      tags: profileTags(pastTopics, customer, recentOrders),
    };
  }

  /** Records how a topic ended, inside the turn's transaction. */
  async record(
    em: EntityManager,
    row: { contactId: string; conversationId: string; messageId: string; intent: string; outcome: string; orderNumber: string | null; productId: string | null },
  ): Promise<void> {
    await em.query(
      `INSERT INTO dialogue_outcomes (contact_id, conversation_id, message_id, intent, outcome, order_number, product_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.contactId, row.conversationId, row.messageId, row.intent, row.outcome, row.orderNumber, row.productId],
    );
  }
}
