import { escapeHtml, html, jsonForScript, SafeHtml } from './html';

describe('server-side HTML', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const name = `"><img src=x onerror=alert(1)>'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;</p>',
    );
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml('a & b `c`')).toBe('a &amp; b &#96;c&#96;');
  });

  it('passes nested fragments and lists of them through, and drops empty values', () => {
    const items = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    const list = html`<ul>
      ${items}${false}${null}${undefined}${0}
    </ul>`;
    expect(list.value.replace(/\s+/g, '')).toBe('<ul><li>&lt;a&gt;</li><li>b</li>0</ul>');
    expect(html`${new SafeHtml('<br>')}`.value).toBe('<br>');
  });

  it('writes JSON that cannot close or change the inline script it sits in', () => {
    const out = jsonForScript({ name: '</script><script>alert(1)</script>', note: '<!-- & \u2028' }).value;
    expect(out).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(out)).toEqual({ name: '</script><script>alert(1)</script>', note: '<!-- & \u2028' });
  });
});
