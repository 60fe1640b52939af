#!/usr/bin/env node
// Regenerates dsner-zh.json from rainarch/DSNER's train.jsonl (The Unlicense; see README.md).
// Usage: node build-dsner.mjs /path/to/dsner-zh-entities/train.jsonl
// Keeps product (`cp`) and brand (`pp`) values; drops 1-character values, junk, values that are
// ordinary words far more often than names (光明, 好奇, 移动 ...), and items a shop assistant should not
// recognise as products (drugs, adult items, virtual goods, vehicles).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = process.argv[2];
if (!src) {
  console.error('usage: node build-dsner.mjs <train.jsonl>');
  process.exit(2);
}

const DROP = new Set([
  // brands that are common words or not brands at all
  '移动', '枪手', '光明', '好奇', '中华', '早晚', '小样', '雪花', '七彩', '金星', '袋鼠', '英雄', '皇冠', '大王', '卧龙',
  '众望', '清风', '春雨', '妙妙', '好爸爸', '爱生活', '全面时代', '熊孩子', '鸿毛', '刀麦', '斯拉', '润膏', '子初', '川南',
  '东古', '早晚', '微尔', '益昌', '白熊', '梅林', '唯新', '麦馨', '珀微', 'holleKeith', '爱茉莉', '雨洁', '奇强', '恒大',
  '天猫', '麦德龙', '起亚', '五菱', '五羊', '骁龙', '美图', '加菲猫', '史酷比', '猫王', '大吃兄', '一品望家',
  // product values that are junk, too generic, or not for a shop assistant
  '办公室', '阿里110', '钱盾', '流量', '流量包', '火车', '小鸟', '叶子', '凉水', '鸽子', '鸭子', '好欢', '肉蒲', '伟哥',
  '安眠药', '右佐匹克隆片', '性用品', '情趣用品', '充气娃娃', '露胸衣', '避孕套', '尼尔机器元', '丰田考斯特', '汽车发动机',
  '意外险', 'Q币', '点卡', '天宏一卡通', '购物卷', '金莲', '甘竹', '沙士', '天使眼', '蓝泡泡', 'm巾', '汽车', '轿车',
  '摩托车', '翻新机', '水烟', '香烟', '槟榔', '海马', '冬虫夏草', '诺和笔', '针头', '药', '药膏', '伞车', '剪刀车', '耕田机',
  '御香龙品', '食品', '美妆', '服装', '常服', '下衣', '外衣', '妆品', '粉铺', '黄金棒', '气船', '矿灯', '电脑板', '电池炉',
  '基础链', '自吸泵', '表', '车', '电瓶充电器', '剃须刀电路板', '天线', '护栏', '车棚', '操作台', '美容床', '凉枕头',
  '荷兰乳牛', '盐津', '乐口福', '纯果乐', '芬达', '冰泉', '王老吉', '茅台', '金骏眉', '正山小种', '竹叶青酒', '上海老酒',
  '大果粒', '味极鲜', '贝奇野菜', '雪融芝士', '炒面大王', '原香稻', '芝士仙贝', '爽口下饭菜', '腊八豆', '风味豆豉',
  '铁观音', '乌苏', '科罗纳', '金龙鱼', '中脉', '养元青', '良平铺子',
]);

const seen = { brand: new Set(), product: new Set() };
for (const line of readFileSync(src, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  for (const e of JSON.parse(line).entities ?? []) {
    const type = e.type === 'pp' ? 'brand' : e.type === 'cp' ? 'product' : null;
    if (!type) continue;
    const value = String(e.value).trim().replace(/\s+/g, ' ');
    if ([...value].length < 2 || DROP.has(value) || /^[\d\s]+$/.test(value)) continue;
    if (![...seen[type]].some((v) => v.toLowerCase() === value.toLowerCase())) seen[type].add(value);
  }
}
// A value seen both as brand and product (苹果) stays a brand here; the curated list decides in the end.
for (const v of seen.brand) seen.product.delete(v);
const out = {
  source: 'rainarch/DSNER (https://github.com/rainarch/DSNER), The Unlicense; filtered by build-dsner.mjs',
  brand: [...seen.brand].sort(),
  product: [...seen.product].sort(),
};
const dest = join(dirname(fileURLToPath(import.meta.url)), 'dsner-zh.json');
writeFileSync(dest, JSON.stringify(out, null, 0).replace(/","/g, '", "') + '\n');
console.log(`brands ${out.brand.length}, products ${out.product.length} → ${dest}`);
