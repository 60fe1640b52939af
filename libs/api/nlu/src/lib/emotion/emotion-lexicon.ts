/**
 * Emotion lexicons for zh, en and ja. Each list is `word:weight` (weight 1 when omitted); a trailing `*`
 * matches as a prefix (`disappoint*`). Neutral "shields" are longer words that contain a cue but are not
 * one (不好意思 hides 不好, 能不能 hides 不, 棒球 hides 棒); they win by longest match.
 */

export type CueKind = 'angry' | 'frustrated' | 'happy' | 'threat' | 'negator' | 'intensifier' | 'sarcasm' | 'shield';

export interface Cue {
  kind: CueKind;
  weight: number;
  word: string;
  /** Thanks: weaker inside a question or request (請問…谢谢 is politeness, not joy). */
  thanks?: boolean;
  /** Emoji and emoticons: never negated or intensified. */
  emoji?: boolean;
}

const ANGRY = `
垃圾:1.3 骗子:1.3 骗人:1.3 骗钱:1.3 骗:1 欺骗:1.2 气死:1.3 气死我了:1.4 滚:1.2 滚蛋:1.4 什么破:1.3 破玩意:1.3 破东西:1.2
坑人:1.3 坑爹:1.2 坑钱:1.3 欺诈:1.3 诈骗:1.3 黑店:1.3 奸商:1.3 太过分:1.3 过分:1 恶心:1.1 无耻:1.3 不要脸:1.4 傻逼:1.5
煞笔:1.5 妈的:1.3 他妈:1.3 tmd:1.3 特么:1.2 尼玛:1.2 卧槽:1 我靠:0.9 混蛋:1.4 王八蛋:1.5 流氓:1.3 强盗:1.3 忽悠:1.1
糊弄:1.1 敷衍:1 火大:1.2 生气:0.9 愤怒:1.3 气愤:1.2 受骗:1.2 上当:1.1 假货:1.2 冒牌:1.1 山寨:0.9 退钱:1 还钱:1.1 赔钱:1
最差:1.2 差劲:1.2 太烂:1.2 烂透:1.3 极差:1.2 缺德:1.3 装死:1.2 去死:1.5 废物:1.3 无良:1.3 离谱:1 岂有此理:1.3 欺人太甚:1.4
什么玩意:1.3 搞什么:1 气人:1.1 气炸:1.3 忍无可忍:1.4 受够了:1.3 坑:0.8 智障:1.4 脑残:1.4 狗屁:1.4 放屁:1.3 态度恶劣:1.3
scam*:1.3 garbage:1.3 trash:1.2 rubbish:1.2 ridiculous:1 furious:1.4 pathetic:1.3 useless:1 worst:1.2 terrible:1 horrible:1.1
disgusting:1.2 liar*:1.3 lying:1.1 fraud*:1.3 rip-off:1.3 ripoff:1.3 "ripped off":1.3 thief:1.3 thieves:1.3 stole:1.1 stealing:1.1
wtf:1.3 damn:0.8 shit*:1.3 fuck*:1.5 bullshit:1.5 joke:0.6 unacceptable:1.1 outrageous:1.2 incompetent:1.2 insane:0.8 absurd:0.9
angry:1.1 pissed:1.3 hate:1 "sick of":1.1 "fed up":1.1 "kidding me":1.1 "how dare":1.3 crap*:1.2 awful:1 "never again":1.1
"never buy":1.1 "never order":1.1 disgrace*:1.3 shameful:1.2 "screw you":1.5 idiot*:1.4 stupid:1.1
ふざけるな:1.4 ふざけんな:1.4 ふざけて:1 最悪:1.2 詐欺:1.3 ありえない:1 あり得ない:1 許せない:1.2 腹が立つ:1.2 腹立つ:1.2
ムカつく:1.2 むかつく:1.2 いい加減にして:1.3 いい加減:0.8 金返せ:1.4 返金しろ:1.3 何なの:0.9 なんなの:0.9 頭にくる:1.2 怒:1
激怒:1.4 偽物:1.1 クソ:1.2 くそ:1 嘘つき:1.3 騙された:1.3 騙し:1.2 ひどすぎ:1.2 最低:1.2 二度と買わない:1.4 二度と:0.8
不誠実:1 呆れ:1 舐めて:1.1 バカ:1.2 ばか:1.1
`;

const FRUSTRATED = `
还没:0.6 還沒:0.6 还不:0.5 怎么还:1 怎麼還:1 为什么还:1 为啥还:1 咋还:1 到底:0.8 究竟:0.6 一直没:1 一直不:1 一直:0.4 等了好久:1.1
等了:0.5 好久:0.6 这么久:0.8 那么久:0.6 太久:0.9 很久:0.6 迟迟:0.9 无语:1.1 失望:1.1 郁闷:1 烦:0.8 烦死:1.2 心累:1
崩溃:1 无奈:0.8 唉:0.8 哎:0.4 算了:0.6 服了:1 受不了:1.1 着急:0.8 急死:1.1 急用:0.6 等不及:0.8 耽误:0.9 一拖再拖:1.1
太慢:1 好慢:1 慢死:1.2 很慢:0.9 这么慢:1 没收到:0.8 还没收到:1 没到:0.6 丢件:1 丢了:0.8 破损:0.9 坏了:0.9 质量差:1
不能用:0.9 用不了:0.9 没人回:1 没人理:1 不回:0.7 没反应:0.8 没回复:0.8 不理:0.8 催了:0.9 催:0.5 几次了:1 好几次:0.8
多少次:0.9 又坏:1 又是:0.5 不满:1 不满意:1.1 不爽:1 不开心:1 不高兴:1 不靠谱:1 不合理:0.9 不负责:1 不专业:0.9 不给力:0.9
不行:0.6 不好:0.7 太差:1 很差:1 真差:1 好差:1 麻烦:0.6 头疼:0.8 糟糕:1 糟心:1 难受:0.8 可惜:0.6 遗憾:0.7 闹心:1 搞错:0.8
发错:0.9 错了:0.5 少发:0.8 漏发:0.9 怎么回事:0.9 什么情况:0.7 咋回事:0.9 怎么搞的:1 有没有人:0.9 人呢:1 说好的:0.9 不是说:0.7
烂:0.7 不耐烦:1 急:0.5 难用:0.9 后悔:1 白买:1 上火:0.8 跑了好几趟:1 折腾:0.8 折磨:1 拖延:0.9 推脱:1 推卸:1 踢皮球:1.1
still:0.5 again:0.5 waiting:0.6 "still waiting":1 "been waiting":1 disappoint*:1.1 annoy*:1 frustrat*:1.1 upset:1 unhappy:1.1
"how long":0.8 "no one":0.6 nobody:0.6 "haven't received":0.9 "hasn't arrived":0.9 "not received":0.9 "never arrived":1
"never received":1 "not arrived":0.9 "any update":0.6 "any updates":0.6 "what's going on":0.8 "what is going on":0.8
"why hasn't":0.9 "why haven't":0.9 "why isn't":0.8 "why is it taking":1 sigh:0.9 ugh:1 seriously:0.7 "come on":0.8
"tired of":1 broken:0.8 damaged:0.8 "wrong item":0.9 missing:0.7 late:0.5 delayed:0.7 delay:0.6 "so long":0.6 "too long":0.8
forever:0.8 ages:0.6 "multiple times":0.9 "several times":0.9 "third time":1 "3rd time":1 "again and again":1 confusing:0.6
worried:0.6 stuck:0.7 "not working":0.9 "doesn't work":0.9 "does not work":0.9 "stopped working":0.9 "fell apart":1
"poor quality":1 poor:0.7 bad:0.7 waste:0.8 "waste of money":1.2 "anyone there":0.8 "no response":0.9 "no reply":0.9
ignored:0.9 ignoring:0.9 urgent:0.6 unfortunately:0.5 sadly:0.6 sad:0.8 meh:0.6 "not impressed":1 "let down":1 hassle:0.8
まだ:0.5 いつまで:1 いつになったら:1.1 困ります:1 困っています:1 困って:0.9 困る:0.9 困った:1 遅い:0.9 遅すぎ:1.1 届かない:1
届いていない:0.9 届いてない:0.9 届きません:0.9 届いていません:0.9 届いておりません:0.9 何度も:0.9 何回も:0.9 待っています:0.4 ずっと:0.6 残念:1 がっかり:1.1 不満:1
どうなって:0.9 返事がない:1 連絡がない:1 返信がない:1 一向に:1 未だに:0.9 いまだに:0.9 早くして:0.9 壊れ:0.8 不良:0.8
破損:0.9 間違:0.7 不安:0.7 ひどい:1 酷い:1 面倒:0.8 迷惑:1 使えない:0.9 納得できない:1.1 納得いかない:1.1 はぁ:0.7 ため息:0.8
心配:0.5 なぜ:0.4 どうして:0.5 対応が遅:1
`;

const HAPPY = `
谢谢:0.8:t 謝謝:0.8:t 感谢:0.8:t 感謝:0.8:t 多谢:0.8:t 谢啦:0.8:t 谢了:0.8:t 辛苦了:0.9 太好了:1.2 太棒了:1.3 满意:1 好评:1
五星好评:1.2 棒:1 喜欢:1 爱了:1.1 爱死:1.2 给力:1 不错:0.9 赞:0.9 点赞:1 完美:1 开心:1 高兴:1 很好:0.9 挺好:0.8 真好:0.9
好用:0.9 好看:0.9 漂亮:0.9 舒服:0.8 靠谱:0.9 贴心:1 专业:0.6 及时:0.6 超值:0.9 划算:0.7 惊喜:1 满分:1 好吃:0.9 质量好:1
物美价廉:1 值得:0.7 推荐:0.6 回购:0.8 么么哒:0.8 哈哈:0.6 嘻嘻:0.6 没问题:0.5 效率高:0.9 速度快:0.9 发货快:0.9 很快:0.6
耐心:0.7 放心:0.6 正品:0.5 满足:0.8 好评如潮:1.2 感恩:0.9 谢天谢地:1 nice:0.8
thanks:0.8:t "thank you":0.8:t thx:0.8:t great:1 love*:1 perfect:1 awesome:1 amazing:1 excellent:1 appreciate*:0.9:t
wonderful:1 happy:1 glad:0.9 satisfied:1 pleased:0.9 good:0.6 fantastic:1 brilliant:1 helpful:0.9 "not bad":0.7 "well done":1
cheers:0.7 "fast shipping":0.8 "5 stars":1 "five stars":1 beautiful:0.9 gorgeous:1 "exactly what":0.8 recommend*:0.7 enjoy*:0.8
cool:0.6 "no problem":0.4 "no worries":0.4 superb:1 impressed:1 delighted:1.2 "works fine":0.7 "fits perfectly":1
ありがとう:0.8:t ありがとうございます:0.8:t 助かりました:1 助かります:0.8:t 嬉し:1 うれし:1 満足:1 最高:1.2 素晴らしい:1.2
良かった:1 よかった:1 気に入:1 大好き:1.1 完璧:1.1 さすが:0.9 素敵:1 かわいい:0.9 可愛い:0.9 楽しみ:0.8 丁寧:0.8
安心:0.7 綺麗:0.8 きれい:0.8 便利:0.7 感動:1 迅速:0.7
`;

const THREAT = `
差评:1.5 给差评:1.6 投诉:1.5 12315:1.6 消协:1.6 消费者协会:1.6 曝光:1.5 报警:1.6 起诉:1.6 律师:1.5 工商局:1.5 工商:1.3
市场监管:1.5 举报:1.5 维权:1.4 退一赔三:1.5 打官司:1.6 媒体:1 一星:1.2
lawyer:1.6 attorney:1.6 sue:1.6 suing:1.6 lawsuit:1.6 chargeback:1.5 "report you":1.6 "reporting you":1.6 bbb:1.5
"better business bureau":1.6 "consumer protection":1.5 "1 star":1.2 "one star":1.2 "dispute":1.2
消費者センター:1.6 弁護士:1.6 訴える:1.6 訴えます:1.6 通報:1.4 警察:1.3 低評価:1.2 星1:1.2
`;

const SARCASM = `
呵呵:0.8 呵呵哒:0.9 真是谢谢你了:0.9 谢谢你们哦:0.9 好棒棒:0.9 真行:0.9 真厉害:0.6 真是服了:1 佩服:0.5 效率真高:0.8
"yeah right":0.9 "thanks a lot":0.3 "thanks for nothing":1.2 "just great":0.9 "great job":0.3 "oh great":0.9 "wow great":0.9
`;

const NEGATORS = `
不 没 沒 没有 沒有 别 別 未 并不 並不 不太 不是 不是很 不怎么 毫不 一点都不 一点也不 从不 从来没 並沒有 并没有 无法
not never no "isn't" "wasn't" "aren't" "weren't" "don't" "doesn't" "didn't" "can't" cannot "couldn't" "won't" "wouldn't"
"haven't" "hasn't" hardly barely isnt wasnt dont doesnt didnt cant wont
`;

const INTENSIFIERS = `
非常 太 超级 超 特别 真的 真是 真 好 很 巨 极其 极 十分 相当 实在 完全 简直 根本 越来越 贼 老是
very so really extremely super totally absolutely completely too utterly incredibly truly
すごく すごい めっちゃ めちゃくちゃ 本当に 本当 ほんとに ほんと とても 非常に マジで マジ かなり 全く 全然 大変
`;

const SHIELDS = `
你好 您好 不好意思 不用 不用了 不过 不知道 不客气 差不多 没关系 没事 不一定 好的 好吧 好几 好多 好像 麻烦你 麻烦您 麻烦帮
麻烦问 麻烦看 麻烦查 麻烦了 棒球 棒棒糖 滚筒 滚动 明白 在吗 还有 还是 不要紧 不然 能不能 是不是 有没有 要不要 会不会 可不可以
好不好 行不行 对不对 喜不喜欢 满不满意 有没 还可以 不少 不同 不一样 不会吧 坑位 骗子短信 媒体报道 不错过 没想到 还好 好了
"good morning" "good afternoon" "good evening" "good day" hello hi "would love" "'d love" "no idea" "not sure" "no rush"
"still have" "still available" "still in stock" "love to know"
お世話になっております まだ大丈夫 大丈夫
`;

const EMOJI = `
😡:angry:1.3 🤬:angry:1.5 💢:angry:1.2 😤:angry:1.1 👿:angry:1.2 😠:angry:1.2 🖕:angry:1.5
😭:frustrated:1 😢:frustrated:1 😞:frustrated:1 🙄:frustrated:1 😩:frustrated:1 😫:frustrated:1 😒:frustrated:1
😔:frustrated:0.9 💔:frustrated:1 😑:frustrated:0.9 😓:frustrated:0.8 😟:frustrated:0.8 😰:frustrated:0.8 😕:frustrated:0.7
🥲:frustrated:0.7 T_T:frustrated:1 QAQ:frustrated:1 orz:frustrated:0.8 ":(":frustrated:0.9 ":-(":frustrated:0.9 ╯︵┻━┻:angry:1.3
😊:happy:1 😄:happy:1 👍:happy:1 ❤:happy:1 🙏:happy:0.5 😍:happy:1.1 🥰:happy:1.1 😁:happy:1 🎉:happy:1 👏:happy:1
💯:happy:1 😀:happy:0.9 😃:happy:1 ☺:happy:1 🤗:happy:1 💕:happy:1 😘:happy:1 ✨:happy:0.6 🌹:happy:0.8 ":)":happy:0.8
":-)":happy:0.8 ":D":happy:1 ^_^:happy:0.9 ^^:happy:0.8 (^^):happy:0.9 ♪:happy:0.6
`;

function words(block: string): string[] {
  const out: string[] = [];
  const re = /"([^"]+)"(\S*)|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(block))) out.push(m[1] !== undefined ? m[1] + m[2] : m[3]);
  return out;
}

function weighted(block: string, kind: CueKind): Cue[] {
  return words(block).map((w) => {
    const parts = w.split(':');
    // emoticons such as ":(" contain ':' themselves; the weight is always the last numeric part
    let thanks = false;
    if (parts[parts.length - 1] === 't') {
      thanks = true;
      parts.pop();
    }
    const last = parts[parts.length - 1];
    const weight = parts.length > 1 && /^\d+(?:\.\d+)?$/.test(last) ? Number(parts.pop()) : 1;
    return { kind, weight, word: parts.join(':'), thanks };
  });
}

/** Every cue, for building the analyzer's trie. */
export function allCues(): Cue[] {
  const cues: Cue[] = [
    ...weighted(ANGRY, 'angry'),
    ...weighted(FRUSTRATED, 'frustrated'),
    ...weighted(HAPPY, 'happy'),
    ...weighted(THREAT, 'threat'),
    ...weighted(SARCASM, 'sarcasm'),
    ...words(NEGATORS).map((word) => ({ kind: 'negator' as const, weight: 1, word })),
    ...words(INTENSIFIERS).map((word) => ({ kind: 'intensifier' as const, weight: 1.5, word })),
    ...words(SHIELDS).map((word) => ({ kind: 'shield' as const, weight: 0, word })),
  ];
  for (const w of words(EMOJI)) {
    const i = w.lastIndexOf(':', w.lastIndexOf(':') - 1);
    const [kind, weight] = w.slice(i + 1).split(':');
    cues.push({ kind: kind as CueKind, weight: Number(weight), word: w.slice(0, i), emoji: true });
  }
  return cues;
}
