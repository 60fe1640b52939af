import type { NluEntity, NluLanguage } from '@kefu/shared/contracts';
import { EntityExtractor } from './entity-extractor';
import { Gazetteer } from './gazetteer';

const extractor = new EntityExtractor(new Gazetteer());
/** Monday 25 November 2024, 10:00 local time. */
const now = new Date(2024, 10, 25, 10, 0);

function dates(text: string, language: NluLanguage = 'zh'): NluEntity[] {
  return extractor.extract(text, { now, language }).filter((e) => e.type === 'date');
}

function dateValues(text: string, language: NluLanguage = 'zh'): string[] {
  return dates(text, language).map((e) => e.value);
}

describe('EntityExtractor dates', () => {
  it('reads absolute dates in every common shape', () => {
    expect(dateValues('2024-11-18买的，2024年11月20日付的款，2024.11.22发的货')).toEqual([
      '2024-11-18',
      '2024-11-20',
      '2024-11-22',
    ]);
    expect(dateValues('11月25日和11/20')).toEqual(['2024-11-25', '2024-11-20']);
    expect(dateValues('arrived Nov 22, ordered on 18th November', 'en')).toEqual([
      '2024-11-22',
      '2024-11-18',
    ]);
    expect(dateValues('11月20日に注文', 'ja')).toEqual(['2024-11-20']);
  });

  it('picks the year that puts a month-day nearest to now', () => {
    const january = new Date(2025, 0, 5, 10, 0);
    const [d] = extractor.extract('12月28日下的单', { now: january, language: 'zh' });
    expect(d.value).toBe('2024-12-28');
  });

  it('reads a lone day of the month as this month', () => {
    expect(dateValues('20号下的单，28号要用')).toEqual(['2024-11-20', '2024-11-28']);
  });

  it('resolves relative days against now', () => {
    expect(dateValues('今天 昨天 前天 明天 后天')).toEqual([
      '2024-11-25',
      '2024-11-24',
      '2024-11-23',
      '2024-11-26',
      '2024-11-27',
    ]);
    expect(dateValues('yesterday or today', 'en')).toEqual(['2024-11-24', '2024-11-25']);
    expect(dateValues('昨日とおととい', 'ja')).toEqual(['2024-11-24', '2024-11-23']);
  });

  it('reports last week as its Monday with the range in meta', () => {
    const [d] = dates('上周买的');
    expect(d.value).toBe('2024-11-18');
    expect(d.meta).toEqual({ from: '2024-11-18', to: '2024-11-24', relative: 'last_week' });
    expect(dateValues('先週届いた', 'ja')).toEqual(['2024-11-18']);
    expect(dateValues('ordered last week', 'en')).toEqual(['2024-11-18']);
  });

  it('reports months as ranges', () => {
    const [d] = dates('上个月买的');
    expect(d.meta).toEqual({ from: '2024-10-01', to: '2024-10-31', relative: 'last_month' });
    expect(dateValues('今月中に', 'ja')).toEqual(['2024-11-01']);
  });

  it('reads weekdays of a named week', () => {
    expect(dateValues('上周三下的单')).toEqual(['2024-11-20']);
    expect(dateValues('下周一之前')).toEqual(['2024-12-02']);
    expect(dateValues('先週の金曜日に注文しました', 'ja')).toEqual(['2024-11-22']);
    expect(dateValues('since last Friday', 'en')).toEqual(['2024-11-22']);
  });

  it('reads bare weekdays as past or coming by what the message says', () => {
    expect(dateValues('周五能到吗')).toEqual(['2024-11-29']);
    expect(dateValues('周三下的单')).toEqual(['2024-11-20']);
    expect(dateValues('I need it by Thursday', 'en')).toEqual(['2024-11-28']);
  });

  it('does not read 上周一直 as last Monday', () => {
    const [d] = dates('上周一直没人回');
    expect(d.text).toBe('上周');
    expect(d.value).toBe('2024-11-18');
  });

  it('reads "N days ago" in three languages', () => {
    expect(dateValues('三天前')).toEqual(['2024-11-22']);
    expect(dateValues('两周前')).toEqual(['2024-11-11']);
    expect(dateValues('一个月前')).toEqual(['2024-10-25']);
    expect(dateValues('3 days ago', 'en')).toEqual(['2024-11-22']);
    expect(dateValues('a week ago', 'en')).toEqual(['2024-11-18']);
    expect(dateValues('3日前に返品', 'ja')).toEqual(['2024-11-22']);
  });

  it('reads 双十一 as 11 November', () => {
    expect(dateValues('双十一买的')).toEqual(['2024-11-11']);
  });

  it('uses the calendar day of the given time zone', () => {
    // 2024-11-25 18:30 UTC is already 26 November in Shanghai
    const utcEvening = new Date(Date.UTC(2024, 10, 25, 18, 30));
    const [d] = extractor.extract('今天能发吗', {
      now: utcEvening,
      language: 'zh',
      timezone: 'Asia/Shanghai',
    });
    expect(d.value).toBe('2024-11-26');
  });

  it('does not take durations, sizes or quantities for dates', () => {
    expect(dates('3日間で届きます', 'ja')).toEqual([]);
    expect(dates('38号的鞋')).toEqual([]);
    expect(dates('保修一年，7天无理由')).toEqual([]);
  });
});
