import { renderDemoPage, type DemoPageModel, type DemoProductView } from './demo-page';
import { colourLabel, demoLang } from './demo-page-strings';
import { sortSizes } from './demo-storefront.service';

const model = (over: Partial<DemoPageModel> = {}): DemoPageModel => ({
  lang: 'en',
  product: {
    id: 'P1001',
    name: 'Aurora Breezy Cotton T-Shirt',
    brand: 'Aurora',
    category: 'Apparel',
    price: '¥78.99',
    colours: [{ value: 'black', label: 'Black' }],
    sizes: ['S', 'M', 'L'],
    facts: [{ label: 'Product no.', value: 'P1001' }],
  },
  related: [{ id: 'P1002', name: 'Nimbus Running Shoes', price: '¥399' }],
  widget: {
    inboxId: '0b6f1c9e-1111-4111-8111-111111111111',
    snippetSrc: 'https://kefu.example.com/widget.js',
  },
  identity: null,
  customers: [{ ref: 'C100001', name: '王芳' }],
  added: false,
  ...over,
});

describe('the demo storefront page', () => {
  it('is a product page with the widget tag and the product id as page context', () => {
    // Compared with runs of whitespace collapsed: the template's indentation is not the point.
    const page = renderDemoPage(model()).replace(/\s+/g, ' ');
    expect(page).toContain('<h1>Aurora Breezy Cotton T-Shirt</h1>');
    expect(page).toContain('<p class="price">¥78.99</p>');
    expect(page).toContain('Add to cart');
    expect(page).toContain(
      '<script> window.KefuWidget = {"context":{"productId":"P1001","orderId":null},"locale":"en"}; </script>',
    );
    expect(page).toContain(
      '<script src="widget.js" data-inbox="0b6f1c9e-1111-4111-8111-111111111111" async></script>',
    );
    expect(page).toContain('href="demo?product=P1002&amp;lang=en"');
    expect(page).toContain('href="demo?product=P1001&amp;as=C100001&amp;lang=en"');
  });

  it('shows the signed identity of a logged-in demo customer and how the shop computes it', () => {
    const hash = 'a'.repeat(64);
    const page = renderDemoPage(model({ identity: { userId: 'C100001', hash, name: '王芳' } }));
    expect(page).toContain(`"identity":{"userId":"C100001","hash":"${hash}","name":"王芳"}`);
    expect(page).toContain('createHmac(&#39;sha256&#39;, INBOX_SECRET)');
    expect(page).toContain('Log out');
  });

  it('escapes shop data everywhere, including inside the inline script', () => {
    const evil = '</script><script>alert(1)</script>';
    const page = renderDemoPage(
      model({
        product: { ...(model().product as DemoProductView), name: evil, brand: '<b>', id: '"P1' },
        identity: { userId: evil, hash: 'x', name: evil },
        notice: '<img src=x onerror=alert(1)>',
      }),
    );
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<b>');
    expect(page.match(/<script/g)).toHaveLength(2);
  });

  it('says there is no widget inbox instead of loading the widget', () => {
    const page = renderDemoPage(model({ widget: null }));
    expect(page).toContain('No widget inbox exists yet');
    expect(page).not.toContain('<script');
  });

  it('says the shop is still being seeded when it has no products yet', () => {
    const page = renderDemoPage(model({ product: null, related: [], lang: 'zh-CN' }));
    expect(page).toContain('演示商城还没有商品');
  });
});

describe('the demo page language', () => {
  it('follows ?lang=, else the browser, else English', () => {
    expect(demoLang('ja', 'zh-CN')).toBe('ja');
    expect(demoLang(undefined, 'fr-FR,fr;q=0.9,zh-CN;q=0.8,en;q=0.5')).toBe('zh-CN');
    expect(demoLang(undefined, 'en;q=0.3,ja;q=0.9')).toBe('ja');
    expect(demoLang('xx', undefined)).toBe('en');
  });

  it('names the demo shop colours in the page language', () => {
    expect(colourLabel('navy', 'zh-CN')).toBe('藏青');
    expect(colourLabel('Navy', 'ja')).toBe('ネイビー');
    expect(colourLabel('teal', 'en')).toBe('teal');
  });
});

describe('the demo product sizes', () => {
  it('are listed the way shops list them', () => {
    expect(sortSizes(['L', 'M', 'S', 'XL', 'XS', 'XXL'])).toEqual(['XS', 'S', 'M', 'L', 'XL', 'XXL']);
    expect(sortSizes(['100ml', '30ml', '50ml'])).toEqual(['30ml', '50ml', '100ml']);
    expect(sortSizes(['42', '36', 'One size'])).toEqual(['36', '42', 'One size']);
  });
});
