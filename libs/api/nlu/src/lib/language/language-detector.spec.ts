import { detectLanguage } from './language-detector';

describe('detectLanguage', () => {
  it.each([
    ['我的快递到哪了', 'zh'],
    ['亲 在吗', 'zh'],
    ['我的order到哪了啊', 'zh'],
    ['iPhone 15 有货吗', 'zh'],
    ['where is my parcel', 'en'],
    ['where is my 快递', 'en'],
    ['refnd pls', 'en'],
    ['注文した商品がまだ届きません', 'ja'],
    ['返品したいです', 'ja'],
    ['昨日注文の件、返金済ですか', 'ja'],
    ['サイズ交換できる？', 'ja'],
  ])('reads %j as %s', (text, lang) => {
    expect(detectLanguage(text).language).toBe(lang);
  });

  it.each([
    ['', 'nothing'],
    ['😀😀👍', 'only emoji'],
    ['12345 !!!', 'only digits and punctuation'],
    ['Где мой заказ?', 'Russian'],
    ['주문이 아직 안 왔어요', 'Korean'],
    ['où est ma commande s’il vous plaît', 'French'],
    ['dónde está mi pedido', 'Spanish'],
    ['wo ist meine Bestellung bitte', 'German'],
  ])('answers und for %j (%s)', (text) => {
    expect(detectLanguage(text).language).toBe('und');
  });
});
