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
