/**
 * Emotion lexicons for zh, en and ja. Each list is `word:weight` (weight 1 when omitted); a trailing `*`
 * matches as a prefix (`disappoint*`). Neutral "shields" are longer words that contain a cue but are not
 * one (不好意思 hides 不好, 能不能 hides 不, 棒球 hides 棒); they win by longest match.
 */

export type CueKind =
  'angry' | 'frustrated' | 'happy' | 'threat' | 'negator' | 'intensifier' | 'sarcasm' | 'shield';

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
有病:1.2 还好意思:1.1 好意思:0.6 死人:1.3 拿钱不办事:1.4 做梦:1 凭什么:1.1 耍我:1.3 耍人:1.3 当我傻:1.3 当我是傻子:1.4
不想听:0.9 少废话:1.3 废话:1 扯淡:1.3 可笑:1 搞笑:0.8 笑死:0.6 骗局:1.3 烂货:1.3 垃圾货:1.4 黑心:1.3 无语至极:1.3
太欺负人:1.3 欺负:1 什么道理:1 受气:1.1 耍:1 当猴耍:1.4 装傻:1.2 故意:0.8 跟我扯:1.2 别扯:1.1 换人:0.8
你们老板:0.9 找老板:0.9 把我当:1.2 拿我当:1.2 当傻子:1.3 冤大头:1.2 你信不信:1.2 虚假宣传:1.3 摆设:1 没救了:1.2
玩我:1.3 扣我钱:1 给我个解释:1 乱七八糟:1 跑路:1.2 吞了:1.2 主管:0.9 叫你们:0.8 耐心用完:1.3 耐心已经用完:1.3 没耐心:1 必须:0.5 立即:0.5 骗局:1.3 欺骗消费者:1.4 倒闭:1 烂到家:1.4 八百遍:1 一百遍:1 马上给我:0.8 立刻给我:0.9 赶紧给我:0.8 给个说法:1 必须给:0.8 态度差:1 态度太差:1.2 这么差:1
scam*:1.3 garbage:1.3 trash:1.2 rubbish:1.2 ridiculous:1 furious:1.4 pathetic:1.3 useless:1 worst:1.2 terrible:1 horrible:1.1
disgusting:1.2 liar*:1.3 lying:1.1 fraud*:1.3 rip-off:1.3 ripoff:1.3 "ripped off":1.3 thief:1.3 thieves:1.3 stole:1.1 stealing:1.1
wtf:1.3 damn:0.8 shit*:1.3 fuck*:1.5 bullshit:1.5 joke:0.6 unacceptable:1.1 outrageous:1.2 incompetent:1.2 insane:0.8 absurd:0.9
angry:1.1 pissed:1.3 hate:1 "sick of":1.1 "fed up":1.1 "kidding me":1.1 "how dare":1.3 crap*:1.2 awful:1 "never again":1.1
"never buy":1.1 "never order":1.1 disgrace*:1.3 shameful:1.2 "screw you":1.5 idiot*:1.4 stupid:1.1 lied:1.2 lie:0.8 lies:1 "rip off":1.3 "i'm done":1.1
"am done":1.1 "done with":1 "or else":1.2 "fix it or":1.2 nonsense:1.1 unbelievable:1 "sick and tired":1.3 rude:1 "how is this acceptable":1.3 livid:1.4 insulting:1.2 insult*:1.1 "enough is enough":1.3 "so-called":1 "waste of time":1.1
"charged me twice":0.9 "beyond angry":1.5 "zero response":1 "stop lying":1.4 "double charged":0.9 "how many times":1
ふざけるな:1.4 ふざけんな:1.4 ふざけて:1 最悪:1.2 詐欺:1.3 ありえない:1 あり得ない:1 許せない:1.2 腹が立つ:1.2 腹立つ:1.2
ムカつく:1.2 むかつく:1.2 いい加減にして:1.3 いい加減:0.8 金返せ:1.4 返金しろ:1.3 何なの:0.9 なんなの:0.9 頭にくる:1.2 怒:1
激怒:1.4 偽物:1.1 クソ:1.2 くそ:1 嘘つき:1.3 騙された:1.3 騙し:1.2 ひどすぎ:1.2 最低:1.2 二度と買わない:1.4 二度と:0.8
不誠実:1 呆れ:1 舐めて:1.1 バカ:1.2 ばか:1.1 ふざけないで:1.3 ありえません:1.1 責任者:1 許せません:1.3 ひどすぎる:1.2
失礼:1 馬鹿にして:1.3 話にならない:1.3 しろ:0.6 言わせる:0.8 怒り:1.1 勝手に:1 信用できません:1.2 不愉快:1.2 謝罪もなし:1.3 謝罪:0.6 もういいです:0.8 信用できない:1.2 説明してください:0.5
`;

const FRUSTRATED = `
还没:0.6 還沒:0.6 还不:0.5 怎么还:1 怎麼還:1 为什么还:1 为啥还:1 咋还:1 到底:0.8 究竟:0.6 一直没:1 一直不:1 一直:0.4 等了好久:1.1
等了:0.5 好久:0.6 这么久:0.8 那么久:0.6 太久:0.9 很久:0.6 迟迟:0.9 无语:1.1 失望:1.1 郁闷:1 烦:0.8 烦死:1.2 心累:1
崩溃:1 无奈:0.8 唉:0.8 哎:0.4 算了:0.6 服了:1 受不了:1.1 着急:0.8 急死:1.1 急用:0.6 等不及:0.8 耽误:0.9 一拖再拖:1.1
太慢:1 好慢:1 慢死:1.2 很慢:0.9 这么慢:1 没收到:0.8 还没收到:1 没到:0.6 丢件:1 丢了:0.8 破损:0.9 坏了:0.9 质量差:1
不能用:0.9 用不了:0.9 没人回:1 没人理:1 不回:0.7 没反应:0.8 没回复:0.8 不理:0.8 催了:0.9 催:0.5 几次了:1 三次了:0.9 两次了:0.8 好几次:0.8
多少次:0.9 又坏:1 又是:0.5 不满:1 不满意:1.1 不爽:1 不开心:1 不高兴:1 不靠谱:1 不合理:0.9 不负责:1 不专业:0.9 不给力:0.9
不行:0.6 不好:0.7 太差:1 很差:1 真差:1 好差:1 麻烦:0.6 头疼:0.8 糟糕:1 糟心:1 难受:0.8 可惜:0.6 遗憾:0.7 闹心:1 搞错:0.8
发错:0.9 错了:0.5 少发:0.8 漏发:0.9 怎么回事:0.9 什么情况:0.7 咋回事:0.9 怎么搞的:1 有没有人:0.9 人呢:1 说好的:0.9 不是说:0.7
烂:0.7 不耐烦:1 急:0.5 难用:0.9 明明:0.7 居然:0.7 竟然:0.7 根本:0.6 还要等:0.9 多久:0.4 总是:0.5 老是:0.6 每次:0.5
半天:0.6 空的:0.8 复杂:0.6 太麻烦:1 看不懂:0.6 不通知:0.8 不告诉:0.7 说一声:0.5 到现在:0.8 上点心:1 第几次:1 几次三番:1
一而再:1 再三:0.7 为什么要:0.6 怎么能:0.7 不应该:0.7 结果:0.5 少了:0.7 破了:0.8 碎了:0.9 裂了:0.9 漏了:0.8 漏液:0.9 掉色:0.9
起球:0.8 开线:0.9 开胶:0.9 脱胶:0.9 划痕:0.8 瑕疵:0.8 污渍:0.8 异味:0.8 发霉:1 过期:0.9 临期:0.6 不对:0.6 不一样:0.6 对不上:0.8
色差:0.7 缩水:0.8 变形:0.8 卡顿:0.8 死机:0.9 失灵:0.9 充不进:0.9 没声音:0.8 不亮:0.8 坏的:0.9 错发:0.9 少件:0.9 没货还:0.8
联系不上:1 打不通:0.9 找不到人:1 没人管:1 不管:0.7 遍了:0.7 已经说了:0.8 第二次:0.6 第三次:0.9 又要:0.7 不值:0.9 亏:0.6
等等等:1 催催催:1 还在路上:0.6 没动:0.7 不动:0.6 不更新:0.8 没更新:0.8 卡在:0.7 怎么这么:0.8 有点差:0.9 太差劲:1.2
没动静:0.9 没消息:0.8 答非所问:1 人工客服:0.4 机器人:0.4 就开了:0.8 开了:0.3 被忽悠:0.9 卡住:0.8 很多次:0.9 好多次:0.9 解释过:0.6 太乱:0.8 没变:0.8 湿了:0.8 发霉了:1
没法用:0.9 装不上:0.8 用不上:0.7 不好用:0.9 不方便:0.6 鼓包:0.9 怪味:0.8 说不清:0.8 不清楚:0.4 到什么时候:0.6 等到什么时候:1 什么时候才:0.9 能不能快:0.8 快点:0.6 赶紧:0.6 要疯了:1.1 头大:0.8 白等:1 没用:0.8 不好使:0.8 后悔:1 白买:1 上火:0.8 跑了好几趟:1 折腾:0.8 折磨:1 拖延:0.9 推脱:1 推卸:1 踢皮球:1.1
still:0.5 again:0.5 waiting:0.6 "still waiting":1 "been waiting":1 disappoint*:1.1 annoy*:1 frustrat*:1.1 upset:1 unhappy:1.1
"how long":0.4 "how long do i have to wait":1.1 "no one":0.6 nobody:0.6 "haven't received":0.9 "hasn't arrived":0.9 "not received":0.9 "never arrived":1
"never received":1 "not arrived":0.9 "any update":0.6 "any updates":0.6 "what's going on":0.8 "what is going on":0.8
"why hasn't":0.9 "why haven't":0.9 "why isn't":0.8 "why is it taking":1 sigh:0.9 ugh:1 seriously:0.7 "come on":0.8
"tired of":1 broken:0.8 damaged:0.8 "wrong item":0.9 missing:0.7 late:0.5 delayed:0.7 delay:0.6 "so long":0.6 "too long":0.8
forever:0.8 ages:0.6 "multiple times":0.9 "several times":0.9 "third time":1 "3rd time":1 "again and again":1 confusing:0.6
worried:0.6 stuck:0.7 "not working":0.9 "doesn't work":0.9 "does not work":0.9 "stopped working":0.9 "fell apart":1
"poor quality":1 poor:0.7 bad:0.7 crushed:0.9 cracked:0.9 shattered:1 scratched:0.8 dented:0.8 leaking:0.9
leaked:0.9 stained:0.8 torn:0.8 defective:1 faulty:1 "doesn't fit":0.7 "too small":0.6 "too big":0.6 "wrong size":0.8 "wrong color":0.8
"wrong colour":0.8 "second time":0.7 "how much longer":1 "still says":0.8 "still shows":0.8 "hasn't updated":0.9 "not updated":0.8
"not what i expected":1 "way off":0.8 "three times":0.9 "keeps":0.5 "no one has":0.9 "nobody has":0.9 "can't believe":0.9 hoping:0.3
"why do i have to":0.9 "supposed to":0.6 "instead of":0.4 "not helpful":1 "give up":0.8 confused:0.5 "copy-paste":0.8 "copy paste":0.8 "automated reply":0.7 "same reply":0.7
"same answer":0.7 "keep getting":0.7 "sitting at":0.6 "stuck at":0.8 "stuck in":0.7 misleading:0.9 crash*:0.8 "on hold":0.8 "third email":1 "second email":0.8 "day 9":0.3 "have to return":0.6 "out of stock after":0.8 waste:0.8 "waste of money":1.2 "anyone there":0.8 "no response":0.9 "no reply":0.9
ignored:0.9 ignoring:0.9 urgent:0.6 unfortunately:0.5 sadly:0.6 sad:0.8 meh:0.6 "not impressed":1 "let down":1 hassle:0.8
まだ:0.5 いつまで:1 いつになったら:1.1 困ります:1 困っています:1 困って:0.9 困る:0.9 困った:1 遅い:0.9 遅すぎ:1.1 届かない:1
届いていない:0.9 届いてない:0.9 届きません:0.9 届いていません:0.9 届いておりません:0.9 何度も:0.9 何回も:0.9 待っています:0.4 ずっと:0.6 残念:1 がっかり:1.1 不満:1
どうなって:0.9 返事がない:1 連絡がない:1 返信がない:1 一向に:1 未だに:0.9 いまだに:0.9 早くして:0.9 壊れ:0.8 不良:0.8
破損:0.9 間違:0.7 不安:0.7 ひどい:1 酷い:1 面倒:0.8 迷惑:1 使えない:0.9 納得できない:1.1 納得いかない:1.1 はぁ:0.7 ため息:0.8
心配:0.5 なぜ:0.4 どうして:0.5 対応が遅:1 のに:0.4 また:0.5 入っていません:0.8 入っていない:0.8 足りない:0.8
足りません:0.8 汚れ:0.8 傷:0.7 割れ:0.9 欠け:0.8 動かない:0.9 反映されません:0.8 分かりにくい:0.7 わかりにくい:0.7 まだですか:1 つながりません:1 つながらない:1 繋がらない:1 できません:0.5 押せません:0.7 違う物:0.9 違うもの:0.9 複雑:0.7 わかりません:0.5 潰れ:0.8 回答がありません:1
全然違:1 取れて:0.7 外れて:0.7 壊れていました:0.9 違います:0.6 違いました:0.7
`;

const HAPPY = `
谢谢:0.8:t 謝謝:0.8:t 感谢:0.8:t 感謝:0.8:t 多谢:0.8:t 谢啦:0.8:t 谢了:0.8:t 辛苦了:0.9 太好了:1.2 太棒了:1.3 满意:1 好评:1
五星好评:1.2 棒:1 喜欢:1 爱了:1.1 爱死:1.2 给力:1 不错:0.9 赞:0.9 点赞:1 完美:1 开心:1 高兴:1 很好:0.9 挺好:0.8 真好:0.9
好用:0.9 好看:0.9 漂亮:0.9 舒服:0.8 靠谱:0.9 贴心:1 专业:0.6 及时:0.6 超值:0.9 划算:0.7 惊喜:1 满分:1 好吃:0.9 质量好:1
物美价廉:1 值得:0.7 推荐:0.6 回购:0.8 么么哒:0.8 哈哈:0.6 嘻嘻:0.6 没问题:0.5 效率高:0.9 速度快:0.9 发货快:0.9 很快:0.6
耐心:0.7 放心:0.6 满足:0.8 还不错:0.8 好快:0.8 真快:0.8 太值:1 很值:0.9 显瘦:0.7 搞定:0.6 便宜:0.4
多亏:0.8 回头客:0.9 合身:0.8 正合适:0.8 物超所值:1.1 超赞:1.2 精致:0.8 有面子:0.8 一如既往:0.7 颜值:0.6 刚刚好:0.8 刚好:0.5 可爱:0.8 比预期:1 比我预期:1 超出预期:1.1
超预期:1.1 好多了:0.6 仔细:0.7 用心:0.8 真心不错:1 好评如潮:1.2 感恩:0.9 谢天谢地:1 nice:0.8
thanks:0.8:t "thank you":0.8:t thx:0.8:t great:1 love*:1 perfect:1 awesome:1 amazing:1 excellent:1 appreciate*:0.9:t
wonderful:1 happy:1 glad:0.9 satisfied:1 pleased:0.9 good:0.6 fantastic:1 brilliant:1 helpful:0.9 "not bad":0.7 "well done":1
cheers:0.7 "fast shipping":0.8 "5 stars":1 "five stars":1 beautiful:0.9 gorgeous:1 "exactly what":0.8 recommend*:0.7 enjoy*:0.8
cool:0.6 "no problem":0.4 "no worries":0.4 superb:1 impressed:1 delighted:1.2 "works fine":0.7 "fits perfectly":1
ありがとう:0.8:t ありがとうございます:0.8:t 助かりました:1 助かります:0.8:t 嬉し:1 うれし:1 満足:1 最高:1.2 素晴らしい:1.2
良かった:1 よかった:1 気に入:1 大好き:1.1 完璧:1.1 さすが:0.9 素敵:1 かわいい:0.9 可愛い:0.9 楽しみ:0.8 丁寧:0.8
安心:0.7 綺麗:0.8 きれい:0.8 便利:0.7 感動:1 迅速:0.7 期待以上:1.1 使いやすい:0.9 ぴったり:0.8
良い:0.6 いい感じ:0.8 喜んで:0.9 また利用:0.9 また買い:0.9 また購入:0.9 またお願い:0.7 リピート:0.8
`;

const THREAT = `
法的手段:1.5 上法庭:1.6 法庭:1.4 录音了:1 escalate:1.1 escalating:1.1 差评:1.5 给差评:1.6 投诉:1.5 12315:1.6 消协:1.6 消费者协会:1.6 曝光:1.5 报警:1.6 起诉:1.6 律师:1.5 工商局:1.5 工商:1.3
市场监管:1.5 举报:1.5 维权:1.4 退一赔三:1.5 打官司:1.6 媒体:1 一星:1.2 平台介入:1.3 小二介入:1.3 申请介入:1.2
找平台:1.2 不然我就:1.3 否则我就:1.3 要不然我就:1.3 黑猫投诉:1.6 差评警告:1.6
lawyer:1.6 attorney:1.6 sue:1.6 suing:1.6 lawsuit:1.6 chargeback:1.5 "report you":1.6 "reporting you":1.6 bbb:1.5
"better business bureau":1.6 "consumer protection":1.5 "1 star":1.2 "one star":1.2 "dispute":1.2 disputing:1.3 "speak to a manager":1.1
"speak to your manager":1.1 "your manager":0.9 "trading standards":1.5 "leave a review":0.6 "bad review":1.3
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
非常 太 超级 超 特别 真的 真是 真 好 很 巨 极其 极 十分 相当 实在 完全 简直 根本 越来越 贼
very so really extremely super totally absolutely completely too utterly incredibly truly
すごく すごい めっちゃ めちゃくちゃ 本当に 本当 ほんとに ほんと とても 非常に マジで マジ かなり 全く 全然 大変
`;

const SHIELDS = `
你好 您好 不好意思 不用 不用了 不过 不知道 不客气 差不多 没关系 没事 不一定 好的 好吧 好几 好多 好像 麻烦你 麻烦您 麻烦帮
麻烦问 麻烦看 麻烦查 麻烦了 棒球 棒棒糖 滚筒 滚动 明白 在吗 还有 还是 不要紧 不然 能不能 是不是 有没有 要不要 会不会 可不可以
好不好 行不行 对不对 喜不喜欢 满不满意 有没 还可以 不少 不同 不会吧 哪个好看 好看吗 好用吗 舒服吗 值得买吗 正品吗
好不 结果怎么样 不着急 不急 不用急 每次都很 一直很 一直在用 一直用 什么不一样 有什么不同 保质期到什么时候 有效期到什么时候 活动到什么时候 优惠到什么时候 到什么时候结束 不管怎样 不管怎么 没用过 幸亏 又要买 还要买 第二次买 第三次买 麻烦发 麻烦给 麻烦告诉 玩耍 不了 不了解 おもしろ 結果怎么样 多久能到 多久发货 多久到 要多久 坑位 骗子短信 媒体报道 不错过 没想到 还好 好了
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
