import { chooseLocale, format, formatBytes, STRINGS, supportedLocale } from './i18n';

describe('the widget language', () => {
  it('follows the browser when neither the page nor the inbox chooses', () => {
    expect(chooseLocale(undefined, 'auto', ['ja-JP', 'en-US'])).toBe('ja');
    expect(chooseLocale(undefined, undefined, ['zh-TW'])).toBe('zh-CN');
    expect(chooseLocale('auto', 'auto', ['en-GB'])).toBe('en');
  });

  it('skips browser languages it does not speak, and falls back to English', () => {
    expect(chooseLocale(undefined, 'auto', ['fr-FR', 'de', 'ja'])).toBe('ja');
    expect(chooseLocale(undefined, 'auto', ['fr-FR', 'ko'])).toBe('en');
    expect(chooseLocale(undefined, 'auto', [])).toBe('en');
  });

  it("uses the inbox's language over the browser's, and the page's over both", () => {
    expect(chooseLocale(undefined, 'zh-CN', ['en-US'])).toBe('zh-CN');
    expect(chooseLocale('ja', 'zh-CN', ['en-US'])).toBe('ja');
    expect(chooseLocale('klingon', 'en', ['ja'])).toBe('en');
  });

  it('maps language tags by their language', () => {
    expect(supportedLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(supportedLocale('JA')).toBe('ja');
    expect(supportedLocale('en')).toBe('en');
    expect(supportedLocale('pt-BR')).toBeNull();
    expect(supportedLocale(undefined)).toBeNull();
  });

  it('has every string in Chinese, English and Japanese, with the read receipt wording shoppers know', () => {
    const keys = Object.keys(STRINGS.en).sort();
    for (const l of ['zh-CN', 'ja'] as const) {
      expect(Object.keys(STRINGS[l]).sort()).toEqual(keys);
      for (const k of keys) expect(STRINGS[l][k as keyof typeof STRINGS.en].trim()).not.toBe('');
    }
    expect([STRINGS['zh-CN'].read, STRINGS.en.read, STRINGS.ja.read]).toEqual(['已读', 'Read', '既読']);
  });

  it('fills placeholders and formats sizes as a file picker shows them', () => {
    expect(format(STRINGS.en.tooLarge, { max: formatBytes(5 * 1024 * 1024) })).toBe(
      'The image is too large (at most 5 MB).',
    );
    expect(format('{n} of {m}', { n: 2 })).toBe('2 of {m}');
    expect(formatBytes(1536 * 1024)).toBe('1.5 MB');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(12)).toBe('12 B');
  });
});
