/**
 * The phrases behind the four safety triggers, in Chinese, English and Japanese.
 *
 * Each list is matched against one of two normal forms of the message (see safety.ts):
 * - `cjk`: NFKC, lower case, with every space, punctuation mark and symbol removed ("转 人 工!" → "转人工");
 * - `latin`: NFKC, lower case, apostrophes dropped, anything but letters and digits turned into one space,
 *   padded with a space at each end (" dont need a human ").
 * Chinese and Japanese patterns run on `cjk`, English ones on `latin` (both always, whatever the language).
 */
export interface SafetyPatterns {
  cjk: RegExp[];
  latin: RegExp[];
}

const HUMAN_EN =
  '(?:a |an |the |your |some |to a |to an )?(?:real |live |actual )?(?:human|person|agent|representative|rep|operator|someone|somebody|staff|employee|manager|supervisor|customer service)';

/** The shopper asks for a person. */
export const CUSTOMER_REQUEST: SafetyPatterns = {
  cjk: [
    /(?:转|轉|找|要|接|叫|换|請|请|需要|呼叫|联系|聯繫)(?:个|一个|一下)?(?:人工(?!智能)|真人|活人|客服人员|客服小姐姐|真人客服)/u,
    /人工(?:客服|服务|服務|坐席|座席|接待|回复)/u,
    /有(?:没有)?人工(?!智能)/u,
    /^(?:转)?人工(?:客服)?(?:呢|吧|啊|呀)?$/u,
    /(?:不要|别|別)(?:再)?(?:用)?机器人(?:回复|回答|了)?/u,
    /オペレーター/u,
    /(?:担当者|担当の方|人間|スタッフ|係の人|係員)(?:と|に)(?:話|はな|代わ|かわ|つない|繋い|相談し)/u,
    /有人(?:対応|チャット)/u,
  ],
  latin: [
    new RegExp(
      `\\b(?:talk|speak|chat|connect|transfer|contact|reach|escalate)(?: me)?(?: with| to| through to)? ${HUMAN_EN}\\b`,
      'u',
    ),
    /\b(?:real|live|actual) (?:person|human|agent|people)\b/u,
    /\b(?:human|live|real) (?:agent|support)\b/u,
    /\b(?:i|we) (?:want|need|demand|would like|d like) (?:a |an |to talk to a |to speak to a |to speak with a )?(?:human|person|agent|representative|operator)\b/u,
    /\brepresentative\b/u,
    /^ (?:human|agent|operator|representative|person)(?: please| pls| now)? $/u,
    /\b(?:human|agent|operator) (?:please|pls|now)\b/u,
  ],
};

/**
 * Negations and "am I talking to a bot?" questions: removed before the request phrases are matched,
 * and they silence the NLU's contact_human_agent intent for this message.
 */
export const CUSTOMER_REQUEST_NOT: SafetyPatterns = {
  cjk: [
    /(?:不用|不要|不需要|无需|無需|没必要|沒必要|用不着|不必|别|別|不想)(?:再)?(?:帮我|给我)?(?:转|轉|找|叫|接|麻烦)?(?:人工|真人)(?:客服|服务)?/u,
    /(?:你|您|这|這|对面|對面)(?:是|是不是)(?:真人|人工|机器人|機器人|人|ai|机器)(?:吗|嗎|么|麼|啊|吧|呢)?/u,
    /(?:是不是|是否)(?:真人|人工|机器人)/u,
    /(?:オペレーター|担当者|人間|有人対応)(?:は|に|と|の)?(?:不要|いらない|いりません|結構|大丈夫|必要ない|必要ありません)/u,
    /(?:ロボット|ボット|人間|ai|機械)(?:です|なん|なの)(?:か|ですか)?/u,
  ],
  latin: [
    new RegExp(
      `\\b(?:no need|dont need|do not need|dont want|do not want|not need|no) (?:for |of |to (?:talk|speak) (?:to|with) )?${HUMAN_EN}\\b`,
      'u',
    ),
    /\b(?:are|r) (?:you|u) (?:a |an )?(?:real |actual )?(?:person|human|bot|robot|ai|machine)\b/u,
    /\bis (?:this|that|it) (?:a |an )?(?:real |actual )?(?:person|human|bot|robot|ai|machine)\b/u,
    /\bam i (?:talking|speaking|chatting) (?:to|with) (?:a |an )?(?:real |actual )?(?:person|human|bot|robot|ai|machine)\b/u,
  ],
};

/** Lawyers, courts, consumer authorities, chargebacks, the police. */
export const LEGAL_THREAT: SafetyPatterns = {
  cjk: [
    /律师|律師|起诉|起訴|诉讼|訴訟|法院|法庭|打官司|仲裁|退一赔三|假一赔三/u,
    /(?<!\d)12315(?!\d)/u,
    /消协|消協|消费者协会|消費者協會|市场监管|市場監管|工商局|工商部门|(?:找|向|到|去)工商(?!银行)/u,
    /法律(?:途径|手段|程序|责任|诉讼|武器)|走法律|法律解决/u,
    /报警|報警/u,
    /(?<![报報忠广廣公警转轉预預被通])告(?:你们|你們|你|到你|死你)/u,
    /弁護士|訴え(?:る|ます|てやる|ますよ|させて)|裁判|消費者センター|消費生活センター|法的(?:措置|手段|対応)|警察|通報/u,
  ],
  latin: [
    /\b(?:lawyer|lawyers|attorney|attorneys|lawsuit|litigation|solicitor|small claims)\b/u,
    /\b(?:sue|suing|sued) (?:you|u|your|them|the|this|yall|ya)\b/u,
    /\b(?:will|gonna|going to|ll|shall|i) sue\b/u,
    /\blegal (?:action|steps|proceedings|advice|team|case)\b/u,
    /\b(?:to|in) court\b|\bcourt case\b/u,
    /\bcharge ?backs?\b/u,
    /\bdispute (?:the|this|my) (?:charge|payment|transaction)\b/u,
    /\b(?:ftc|bbb|better business bureau|consumer protection|trading standards|attorney general|consumer council)\b/u,
    /\breport(?:ing)? (?:you|u|this|your company) to\b/u,
    /\bcall(?:ing)? the (?:police|cops)\b/u,
  ],
};

/** `threat:<word>` signals of the emotion analyser that mean legal action (not reviews or complaints). */
export const LEGAL_SIGNAL_WORDS = new Set([
  '法的手段',
  '上法庭',
  '法庭',
  '12315',
  '消协',
  '消费者协会',
  '起诉',
  '律师',
  '工商局',
  '市场监管',
  '打官司',
  '报警',
  '维权',
  '退一赔三',
  'lawyer',
  'attorney',
  'sue',
  'suing',
  'lawsuit',
  'chargeback',
  'report you',
  'reporting you',
  'bbb',
  'better business bureau',
  'consumer protection',
  'trading standards',
  'dispute',
  'disputing',
  '消費者センター',
  '弁護士',
  '訴える',
  '訴えます',
  '通報',
  '警察',
]);

/** Violence against staff or others. */
export const HARM_THREAT: SafetyPatterns = {
  cjk: [
    /(?<!秒)杀(?:了|掉|光)?(?:你们|你們|你|他们|他|她|你全家|你家|客服)/u,
    /(?:要|去|想|会)(?:杀|砍|捅)人/u,
    /(?:砍|捅)死/u,
    /(?:弄|打|砍|捅|揍|掐|毒)死(?:你|他|她)/u,
    /(?:砍|捅|揍)(?:了)?(?:你们|你們|你)/u,
    /(?:要|去|我|会|會|把|给|來|来|就)炸(?:了|掉|平|毁|飞)?(?:你们|你們|你家|你)/u,
    /炸(?:了|掉|平|毁|飞)?(?:你们|你們|你家|你)的?(?:店|公司|仓库|倉庫|门店|總部|总部|办公室)/u,
    /(?:放|安|带|帶|寄)(?:个|一个|颗)?炸弹|炸弹(?:寄|送)/u,
    /放火|烧了(?:你们|你|你家)|烧(?:掉|毁)(?:你们|你的)/u,
    /要(?:你的|你)命|同归于尽|同歸於盡|血债血偿|找人(?:弄|收拾|砍|打|做掉)(?:你|你们)|拿刀/u,
    /殺(?:す|してやる|しに|される前に)|ぶっ殺|ぶちころ|爆破|爆弾|火をつけ|放火|ぶん殴|殴りに|刺してやる|刺すぞ/u,
  ],
  latin: [
    /(?<!\b(?:wont|will not|not|never|doesnt|didnt|wouldnt|cant|can not|cannot) )\b(?:kill|murder|stab|strangle|hurt|attack) (?:you|u|yall|ya|him|her|them|everyone|everybody|your (?:staff|employees|family|manager|boss|team|agents?))\b/u,
    /\bbeat (?:you|u|your \w+) up\b/u,
    /\b(?:bomb|blow up|burn down|burn|torch|shoot up) (?:your|the|this) (?:store|shop|office|warehouse|company|building|place|headquarters|hq)\b/u,
    /\b(?:plant(?:ing)?|send(?:ing)?|have|got|bring(?:ing)?) (?:a |the )?bombs?\b|\bbomb threat\b|\bpipe bomb\b/u,
    /\b(?:bring|have|got|get) (?:a |my )(?:gun|knife|weapon)\b/u,
    /\b(?:youre|you are|ur|you) (?:dead|gonna die|going to die)\b/u,
  ],
};

/** The shopper talks of harming themselves. */
export const SELF_HARM: SafetyPatterns = {
  cjk: [
    /自杀|自殺|自尽|自盡|轻生|輕生|寻死|尋死|割腕|跳楼|跳樓|自残|自殘/u,
    /不想活|活不下去|活着没(?:意思|意义)|活著沒(?:意思|意義)|不如死了|死了算了|一死了之|了结(?:自己|生命)|结束(?:自己的|我的)?生命/u,
    /(?<![不没沒别別])想死(?![你我他她它人])/u,
    /我(?:去|还是去|還是去)死/u,
    /(?:吃|吞)(?:了)?(?:安眠药|安眠藥|农药|農藥)/u,
    /死にたい|自殺|消えたい|生きていたくない|生きたくない|生きる意味|命を絶|リストカット|自傷|飛び降り/u,
  ],
  latin: [
    /\b(?:kill|killing|harm|harming) myself\b|\bwant to (?:hurt|cut) myself\b/u,
    /\b(?:suicide|suicidal|self harm|selfharm)\b/u,
    /\b(?:end|ending|take|taking) (?:my own|my) life\b|\bend it all\b/u,
    /(?<!\b(?:dont|do not|never|not) )\b(?:want to|wanna) die\b/u,
    /\b(?:dont|do not|no longer) want to (?:live|be alive)\b|\bno reason to live\b|\bbetter off dead\b/u,
  ],
};
