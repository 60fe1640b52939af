/**
 * What each intent of the default taxonomy means, for Claude's classification fallback. The names alone
 * are ambiguous ("delivery_period" against "track_order", "get_invoice" against "check_invoice"), and the
 * messages that reach the fallback are exactly the ones the offline engine found hard. Each line is the
 * meaning, the nearest neighbour it is not, and what shoppers write (zh / en / ja).
 *
 * The glossary is part of the cached system prompt: with it the prefix passes the model's minimum
 * cacheable length (1,024 tokens for Sonnet), so the classification call, the most frequent one, is read
 * from the cache instead of being paid in full every time.
 */
export const INTENT_GLOSSARY: Readonly<Record<string, string>> = {
  cancel_order: 'cancel an order they placed (not a subscription, not an account). 取消订单 / cancel my order / 注文をキャンセル',
  change_order:
    'change the items, quantity, size or colour of an order not yet shipped; the address is change_shipping_address. 订单里的M码改成L码 / add an item to my order / 注文内容を変更',
  change_shipping_address:
    'change the delivery address of an order already placed. 地址填错了,帮我改一下 / wrong address on my order / 届け先を変更したい',
  check_cancellation_fee: 'whether cancelling costs anything. 取消要手续费吗 / is there a cancellation fee / キャンセル料はかかりますか',
  check_invoice: 'see or check an invoice already issued (its amount, title, a mistake on it). 发票抬头开错了 / the amount on my invoice / 請求書の内容を確認',
  check_payment_methods: 'which ways to pay are accepted (Alipay, WeChat Pay, cards, instalments, cash on delivery). 能用花呗吗 / do you take PayPal / 支払い方法は',
  check_refund_policy:
    'the rules for refunds and returns in general (how many days, conditions), with no specific order to act on. 七天无理由吗 / what is your refund policy / 返金の条件は',
  complaint: 'complain about the service, a staff member, the shop or an experience; wants it recorded or escalated. 我要投诉 / this service is terrible / 苦情を言いたい',
  contact_customer_service: 'how to reach customer service (hours, phone, e-mail), not a demand for a person now. 客服几点上班 / customer service phone number / 問い合わせ先',
  contact_human_agent: 'wants to talk to a human now. 转人工 / 找真人 / let me talk to a real person / オペレーターにつないで',
  create_account: 'open a new account. 怎么注册 / sign up / アカウントを作りたい',
  delete_account: 'close or delete their account. 注销账号 / delete my account / 退会したい',
  delivery_options: 'the shipping methods, carriers, costs, express or pick-up options, shipping abroad. 能发顺丰吗 / do you ship to Canada / 配送方法',
  delivery_period:
    'how long delivery takes in general or before ordering; a parcel already on its way is track_order. 下单后几天能到 / how long is shipping / 何日で届きますか',
  edit_account: 'change profile details of the account (name, phone, e-mail). 改绑手机号 / change my email / 登録情報を変更',
  get_invoice: 'ask for an invoice or receipt to be issued. 开发票 / 要专票 / I need an invoice / 領収書がほしい',
  get_refund: 'wants money back for an order or item. 我要退款 / refund me / 返金してください',
  newsletter_subscription: 'subscribe to or unsubscribe from newsletters and marketing messages. 别再发促销短信了 / unsubscribe / メルマガ解除',
  payment_issue: 'a payment that failed, was charged twice or is stuck. 付款失败 / I was charged twice / 決済できない',
  place_order: 'how to buy or wants to place an order. 怎么下单 / I want to buy this / 注文したい',
  recover_password: 'forgot or reset a password, cannot log in because of it. 忘记密码 / reset my password / パスワードを忘れた',
  registration_problems: 'signing up fails (no code, error). 注册收不到验证码 / can\'t register / 登録できない',
  review: 'leave a review or feedback, or asks about reviews. 我想给个好评 / leave a review / レビューを書きたい',
  set_up_shipping_address: 'add or set a default address in the account, not on a placed order. 添加收货地址 / save a new address / 住所を登録',
  switch_account: 'switch between accounts or merge them. 切换账号 / use another account / アカウントを切り替え',
  track_order: 'where an order or parcel is now, its logistics status. 我的快递到哪了 / where is my order / 荷物はどこ',
  track_refund: 'where a refund already asked for is, when the money arrives. 退款什么时候到账 / status of my refund / 返金はいつ',
  return_item: 'send an item back. 我要退货 / return this jacket / 返品したい',
  exchange_item: 'swap an item for another size, colour or a new one. 换个大一码 / exchange for a different colour / 交換したい',
  size_advice: 'which size to pick, the size chart, fit. 170穿什么码 / what size should I get / サイズはどれがいい',
  stock_query: 'whether something is in stock, when it is restocked. 有货吗 / 什么时候补货 / is it available in blue / 在庫はありますか',
  product_info: 'details of a product: material, specs, use, care, difference between models. 这个是纯棉的吗 / is it waterproof / 素材は',
  product_quality: 'an item that arrived faulty, broken, defective or not as described. 衣服开线了 / it arrived broken / 不良品',
  promotion_rules: 'how a promotion or price works: thresholds, stacking, sale dates. 满300减50能叠加吗 / how does the sale work / セールの条件',
  coupon_issue: 'a coupon or voucher that does not apply, expired, or was not received. 优惠券用不了 / my coupon code doesn\'t work / クーポンが使えない',
  price_protection: 'the price dropped after they bought and they want the difference. 刚买就降价了 / price dropped after I ordered / 値下がりした',
  shipment_exception: 'a parcel that is delayed, stuck, lost, damaged in transit or delivered wrong. 快递好几天没动了 / my package is lost / 荷物が届かない',
  repair_warranty: 'repair, warranty or after-sales service for a product that broke in use. 保修多久 / can you repair it / 修理したい',
  data_privacy_request: 'their personal data: a copy of it, its deletion, how it is used. 删除我的个人信息 / GDPR request / 個人情報を削除',
  greeting: 'only a greeting, nothing asked yet. 你好 / hi there / こんにちは',
  thanks_goodbye: 'only thanks or goodbye. 谢谢 / thanks, bye / ありがとう',
  out_of_scope: 'not about the shop, its products, orders or accounts (weather, jokes, homework). 今天天气怎么样 / tell me a joke / 天気は',
};

/**
 * The glossary lines for a taxonomy, sorted so the same taxonomy always gives the same text (the prompt
 * cache matches on exact bytes). Intents an admin added have no definition: they are listed by name.
 */
export function glossaryLines(intents: readonly string[]): string[] {
  return [...new Set(intents)].sort().map((i) => (INTENT_GLOSSARY[i] ? `- ${i}: ${INTENT_GLOSSARY[i]}` : `- ${i}`));
}
