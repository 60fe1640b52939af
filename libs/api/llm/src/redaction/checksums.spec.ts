import { cnResidentIdValid, luhnValid, myNumberValid } from './checksums';

describe('checksums', () => {
  it.each(['4111111111111111', '6222021234567890128', '378282246310005', '5499123456789012'])(
    'accepts the card number %s (Luhn)',
    (n) => expect(luhnValid(n)).toBe(true),
  );

  it.each(['4111111111111112', '1234567890123456', '6222021234567890123'])(
    'rejects %s, which fails Luhn',
    (n) => expect(luhnValid(n)).toBe(false),
  );

  it.each(['11010519491231002X', '11010519491231002x', '440306199001011236', '32010219781203341X'])(
    'accepts the resident ID %s (MOD 11-2)',
    (id) => expect(cnResidentIdValid(id)).toBe(true),
  );

  it.each([
    ['a wrong check character', '110105194912310021'],
    ['February 30th', '110105199002300012'],
    ['a birth year 1850', '110105185001010010'],
    ['17 digits', '11010519491231002'],
    ['a leading zero', '010105194912310021'],
  ])('rejects a resident ID with %s', (_why, id) => expect(cnResidentIdValid(id)).toBe(false));

  it('checks the Japanese My Number check digit', () => {
    expect(myNumberValid('123456789018')).toBe(true);
    expect(myNumberValid('987654321093')).toBe(true);
    expect(myNumberValid('123456789012')).toBe(false);
    expect(myNumberValid('12345678901')).toBe(false);
  });
});
