import { elliptical, HANDLED_INTENTS } from './dialogue-engine';

/** DESIGN.md's default taxonomy: the 27 Bitext intents and the 15 e-commerce ones. */
const TAXONOMY = `cancel_order change_order change_shipping_address check_cancellation_fee check_invoice check_payment_methods
check_refund_policy complaint contact_customer_service contact_human_agent create_account delete_account
delivery_options delivery_period edit_account get_invoice get_refund newsletter_subscription payment_issue
place_order recover_password registration_problems review set_up_shipping_address switch_account track_order track_refund
return_item exchange_item size_advice stock_query product_info product_quality promotion_rules coupon_issue
price_protection shipment_exception repair_warranty data_privacy_request greeting thanks_goodbye out_of_scope`.split(/\s+/);

describe('dialogue engine', () => {
  it('has a handler for every intent of the default taxonomy', () => {
    expect(TAXONOMY).toHaveLength(42);
    expect(TAXONOMY.filter((i) => !HANDLED_INTENTS.includes(i))).toEqual([]);
  });

  it('reads follow-ups that only swap a value as the same topic', () => {
    expect(elliptical('M码呢', [{ start: 0, end: 2 }])).toBe(true);
    expect(elliptical('白色的呢?', [{ start: 0, end: 2 }])).toBe(true);
    expect(elliptical('what about L', [{ start: 11, end: 12 }])).toBe(true);
    expect(elliptical('Lは?', [{ start: 0, end: 1 }])).toBe(true);
    expect(elliptical('XL', [{ start: 0, end: 2 }])).toBe(true);
    expect(elliptical('我想退货,M码不合适', [{ start: 5, end: 7 }])).toBe(false);
  });
});
