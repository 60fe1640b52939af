import {
  parseTemplateText,
  placeholderFor,
  TemplateTextError,
  templateTextError,
  templateVariables,
  textParts,
} from './template-text';

describe('templateVariables', () => {
  it('lists the variables in order of appearance, each once, whatever their format', () => {
    expect(
      templateVariables(
        'Order {order_number} ships {ship_date, date}; {amount, currency} paid for {order_number}.',
      ),
    ).toEqual(['order_number', 'ship_date', 'amount']);
  });

  it('counts the plural variable but not the words inside its cases', () => {
    expect(
      templateVariables(
        '{position, plural, one {There is # customer} other {There are # customers}} ahead of you.',
      ),
    ).toEqual(['position']);
  });

  it('finds variables nested inside plural cases', () => {
    expect(templateVariables('{count, plural, one {# item for {product}} other {# items}}')).toEqual([
      'count',
      'product',
    ]);
  });

  it("ignores braces quoted with '{'", () => {
    expect(templateVariables("Type '{'order'}' then {order_number}")).toEqual(['order_number']);
  });

  it('still names the variables of a text that is half typed', () => {
    expect(templateVariables('Order {order_number} arrives {eta, date')).toEqual(['order_number', 'eta']);
  });

  it('finds none in plain text', () => {
    expect(templateVariables('Thanks for shopping with us!')).toEqual([]);
  });
});

describe('templateTextError', () => {
  it('accepts every format the server renders', () => {
    for (const text of [
      '{n, number}',
      '{price, currency}',
      '{d, date, long}',
      '{d, time}',
      '{d, datetime}',
      '{count, plural, =0 {none} one {# item} other {# items}}',
    ]) {
      expect(templateTextError(text)).toBeNull();
    }
  });

  it('reports an unclosed variable with its position', () => {
    const e = templateTextError('Order {order_number');
    expect(e).toBeInstanceOf(TemplateTextError);
    expect(e?.position).toBe(19);
  });

  it('names the problem with a code and the name involved, for a translated message', () => {
    expect(templateTextError('Order {order_number arrives')).toMatchObject({
      code: 'expectedCommaOrClose',
      params: { name: 'order_number' },
    });
  });

  it('reports a stray closing brace, an unknown format and a plural without "other"', () => {
    expect(templateTextError('Done }')?.message).toContain('unexpected "}"');
    expect(templateTextError('{eta, weekday}')?.message).toContain('unknown format "weekday"');
    expect(templateTextError('{count, plural, one {# item}}')?.message).toContain('needs an "other" case');
  });

  it('parses plain text as one text node', () => {
    expect(parseTemplateText('hello')).toEqual([{ kind: 'text', value: 'hello' }]);
  });
});

describe('placeholderFor', () => {
  const others = ['订单 {order_number} 预计 {eta, date, long} 送达', '还有 {count, plural, other {# 件}}'];

  it('writes a variable with the format the other locales give it', () => {
    expect(placeholderFor('eta', others)).toBe('{eta, date, long}');
    expect(placeholderFor('order_number', others)).toBe('{order_number}');
  });

  it('offers a plural to be worded for this locale', () => {
    expect(placeholderFor('count', others)).toBe('{count, plural, other {#}}');
  });

  it('falls back to {name}', () => {
    expect(placeholderFor('carrier', ['broken {'])).toBe('{carrier}');
  });
});

describe('textParts', () => {
  it('splits a text at its arguments, keeping a plural with its cases in one piece', () => {
    expect(textParts('Hi {name}, {count, plural, one {# item} other {# items}} left')).toEqual([
      { text: 'Hi ', variable: false },
      { text: '{name}', variable: true },
      { text: ', ', variable: false },
      { text: '{count, plural, one {# item} other {# items}}', variable: true },
      { text: ' left', variable: false },
    ]);
  });

  it('keeps quoted braces and an unclosed argument as plain text, and joins back to the text', () => {
    for (const text of ["Type '{'x'}' here", 'Order {order_number', 'Done }']) {
      const parts = textParts(text);
      expect(parts.map((p) => p.text).join('')).toBe(text);
      expect(parts.every((p) => !p.variable)).toBe(true);
    }
  });
});
