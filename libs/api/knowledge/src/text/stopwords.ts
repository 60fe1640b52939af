/** Words that carry no topic. Dropped from the index and from queries (a query of only these keeps them). */
const ZH = `的 了 吗 嘛 呢 吧 啊 呀 哦 哈 啦 么 我 你 您 他 她 它 我们 你们 他们 是 在 有 和 与 及 或 就 都 也 还 要 想 请问 请 问 问下
一下 下 怎么 怎么样 怎样 如何 什么 为什么 为啥 啥 谁 哪 哪里 哪儿 这 那 这个 那个 这些 那些 一个 个 可以 能 能否 能不能 会 可不可以 是不是
有没有 没有 吗 得 地 着 过 把 被 给 让 对 从 到 向 里 上 想要 需要 知道 告诉 帮 帮忙 一 些 如果 但是 因为 所以 然后 就是 还是 自己 现在`;
const JA = `の は が を に で と も へ や か ね よ な だ です ます でし まし ませ せん ない た て し する します した して され れる られ
ください くだ さい お ご どう どの どこ どれ 何 なに なん こと もの ため よう これ それ あれ この その あの ここ そこ ある いる なる
できる でき でしょ う か ら って という から まで より けど けれど 私 わたし 僕 教え 知り たい ほしい 欲しい いい 良い`;
const EN = `a an the is are was were be been being am do does did done i me my mine you your yours we our us it its this that these those
to of in on at for from by with about as into onto can could would should will shall may might must how what when where which who whom why
there here and or but if so not no yes please hi hello hey thanks thank want wanted need needed get got have has had im ive dont doesnt didnt
cant couldnt wont would any some all just also too very really much many more most able way there s t`;

const build = (s: string) => new Set(s.split(/\s+/).filter(Boolean));
const LISTS: Record<string, Set<string>> = { zh: build(ZH), ja: build(JA), en: build(EN) };
const ALL = new Set([...LISTS.zh, ...LISTS.ja, ...LISTS.en]);

export function isStopword(token: string): boolean {
  return ALL.has(token);
}
