/** True when the digits in `text` (other characters ignored) pass the Luhn checksum of payment cards. */
export function passesLuhn(text: string): boolean {
  let sum = 0;
  let digits = 0;
  for (let index = text.length - 1; index >= 0; index--) {
    const code = text.charCodeAt(index) - 48;
    if (code < 0 || code > 9) continue;
    let value = code;
    if (digits % 2 === 1) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    digits++;
  }
  return digits > 0 && sum % 10 === 0;
}

/** `digits[start..end)` are 13 to 19 digits starting 2–6, not one digit repeated, passing Luhn. */
function isCardRange(digits: readonly number[], start: number, end: number): boolean {
  const length = end - start;
  if (length < 13 || length > 19) return false;
  const first = digits[start]!;
  if (first < 2 || first > 6) return false;
  let varied = false;
  let sum = 0;
  for (let index = end - 1, position = 0; index >= start; index--, position++) {
    let value = digits[index]!;
    if (value !== first) varied = true;
    if (position % 2 === 1) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  }
  return varied && sum % 10 === 0;
}

/**
 * True for a payment card number in `text` (digits with single spaces or dashes): the whole
 * run, or the run without its first or last groups, as when a card is followed by another
 * number (`4111 1111 1111 1111 2 items`). 13 to 19 digits that pass the Luhn check and are not
 * one digit repeated.
 */
export function isPaymentCard(text: string): boolean {
  const digits: number[] = [];
  // Digit counts at each separator: where a shorter card could end, or start.
  const boundaries: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digits.push(code - 48);
    else boundaries.push(digits.length);
  }
  if (isCardRange(digits, 0, digits.length)) return true;
  for (const at of boundaries) {
    if (isCardRange(digits, 0, at) || isCardRange(digits, at, digits.length)) return true;
  }
  return false;
}

/** Letters A–Z count 10–35 in the IBAN checksum. */
const ibanValue = (code: number): number => (code >= 65 ? code - 55 : code - 48);

/**
 * True for an IBAN (ISO 13616): 15 to 34 letters and digits (spaces ignored), a two-letter
 * country, two check digits, and the whole number, rearranged, equal to 1 modulo 97.
 */
export function isIban(text: string): boolean {
  let remainder = 0;
  let length = 0;
  const compact = text.replace(/ /g, '').toUpperCase();
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  for (let index = 0; index < rearranged.length; index++) {
    const code = rearranged.charCodeAt(index);
    const isDigit = code >= 48 && code <= 57;
    const isLetter = code >= 65 && code <= 90;
    if (!isDigit && !isLetter) return false;
    const value = ibanValue(code);
    remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
    length++;
  }
  return length > 0 && remainder === 1;
}

/** True for a US social security number `AAA-GG-SSSS` with a valid area, group and serial. */
export function isSocialSecurityNumber(text: string): boolean {
  const area = text.slice(0, 3);
  return (
    area !== '000' &&
    area !== '666' &&
    area[0] !== '9' &&
    text.slice(4, 6) !== '00' &&
    text.slice(7) !== '0000'
  );
}

/** True for a phone number written with its country code: 8 to 15 digits after the `+`. */
export function isInternationalPhone(text: string): boolean {
  let digits = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digits++;
    // `%2B` and `%20` of a URL-encoded number are a sign and a space, not digits.
    else if (code === 37) index += 2;
  }
  return digits >= 8 && digits <= 15;
}
