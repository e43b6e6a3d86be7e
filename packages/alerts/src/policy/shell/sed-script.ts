/**
 * A small reader for `sed` scripts, enough to tell whether a script only prints and edits
 * text or can also run commands (GNU `e`, the `e` flag of `s`) or write files (`w`, `W`,
 * the `w` flag of `s`). Anything it cannot read is reported as unreadable.
 */

export type SedEffect = 'none' | 'executes' | 'writes' | 'unreadable';

const SIMPLE = new Set([...'=dDgGhHlnNpPxzFq Q'.replace(' ', '')]);
const TO_LINE_END = new Set(['a', 'i', 'c', 'r', 'R', ':', 'b', 't', 'T', 'v', 'L']);

/** Skips an address (`1`, `$`, `/re/`, `\cREc`, `1~2`, `addr,+3`) starting at `index`. */
function skipAddress(script: string, index: number): number {
  let at = index;
  const one = (): void => {
    const char = script[at];
    if (char === '$') at += 1;
    else if (char !== undefined && /[0-9+~]/.test(char))
      while (at < script.length && /[0-9~+]/.test(script[at]!)) at += 1;
    else if (char === '/' || char === '\\') {
      const delimiter = char === '\\' ? script[at + 1] : '/';
      at += char === '\\' ? 2 : 1;
      while (at < script.length && script[at] !== delimiter) at += script[at] === '\\' ? 2 : 1;
      at += 1;
      while (/[IM]/.test(script[at] ?? '')) at += 1;
    }
  };
  one();
  while (/\s/.test(script[at] ?? '')) at += 1;
  if (script[at] === ',') {
    at += 1;
    while (/\s/.test(script[at] ?? '')) at += 1;
    one();
  }
  return at;
}

/** Reads the three parts of `s/re/replacement/flags`; returns the index past the flags and the flags. */
function readSubstitution(script: string, index: number): { end: number; flags: string } | undefined {
  const delimiter = script[index];
  if (delimiter === undefined || delimiter === '\\' || delimiter === '\n') return undefined;
  let at = index + 1;
  for (let part = 0; part < 2; part += 1) {
    while (at < script.length && script[at] !== delimiter) at += script[at] === '\\' ? 2 : 1;
    if (at >= script.length) return undefined;
    at += 1;
  }
  const start = at;
  while (at < script.length && /[gpiImMe0-9w]/.test(script[at]!)) {
    if (script[at] === 'w') return { end: script.length, flags: script.slice(start, at + 1) };
    at += 1;
  }
  return { end: at, flags: script.slice(start, at) };
}

/** The strongest effect of one `sed` script. */
export function sedScriptEffect(script: string): SedEffect {
  let effect: SedEffect = 'none';
  let index = 0;
  while (index < script.length) {
    const char = script[index]!;
    if (/[\s;{}!]/.test(char)) {
      index += 1;
      continue;
    }
    if (char === '#') {
      while (index < script.length && script[index] !== '\n') index += 1;
      continue;
    }
    const afterAddress = skipAddress(script, index);
    let at = afterAddress;
    while (/[\s!]/.test(script[at] ?? '')) at += 1;
    const command = script[at];
    if (command === undefined) return effect;
    if (command === '{' || command === '}' || command === ';') {
      index = at + 1;
      continue;
    }
    if (command === 'e') return 'executes';
    if (command === 'w' || command === 'W') {
      effect = 'writes';
      while (at < script.length && script[at] !== '\n') at += 1;
    } else if (command === 's') {
      const substitution = readSubstitution(script, at + 1);
      if (substitution === undefined) return 'unreadable';
      if (substitution.flags.includes('e')) return 'executes';
      if (substitution.flags.includes('w')) effect = 'writes';
      at = substitution.end;
    } else if (command === 'y') {
      const transliteration = readSubstitution(script, at + 1);
      if (transliteration === undefined) return 'unreadable';
      at = transliteration.end;
    } else if (TO_LINE_END.has(command)) {
      while (
        at < script.length &&
        script[at] !== '\n' &&
        !(command !== 'a' && command !== 'i' && command !== 'c' && script[at] === ';')
      )
        at += 1;
    } else if (SIMPLE.has(command) || /[0-9]/.test(command)) {
      at += 1;
    } else {
      return 'unreadable';
    }
    if (at <= index) return 'unreadable';
    index = at;
  }
  return effect;
}

/**
 * The effect of a `sed` invocation: its scripts (`-e`, `--expression`, or the first
 * operand), in-place editing (`-i`) and script files (`-f`, unreadable here).
 */
export function sedEffect(argv: readonly string[]): SedEffect {
  const scripts: string[] = [];
  let inPlace = false;
  let hasScriptOption = false;
  let operandScript: string | undefined;
  for (let index = 1; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--') {
      if (!hasScriptOption) operandScript ??= argv[index + 1];
      break;
    }
    if (arg.startsWith('--')) {
      const [name, value] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (name === 'expression') {
        hasScriptOption = true;
        scripts.push(value ?? argv[++index] ?? '');
      } else if (name === 'file') return 'unreadable';
      else if (name.startsWith('in-place')) inPlace = true;
      else if (
        ['line-length', 'separate', 'null-data'].includes(name) &&
        value === undefined &&
        name === 'line-length'
      )
        index += 1;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let letter = 1; letter < arg.length; letter += 1) {
        const char = arg[letter]!;
        if (char === 'i') {
          inPlace = true;
          break;
        }
        if (char === 'e' || char === 'f' || char === 'l') {
          const attached = arg.slice(letter + 1);
          const value = attached === '' ? argv[++index] : attached;
          if (char === 'f') return 'unreadable';
          if (char === 'e') {
            hasScriptOption = true;
            scripts.push(value ?? '');
          }
          break;
        }
      }
      continue;
    }
    if (!hasScriptOption && operandScript === undefined) operandScript = arg;
  }
  if (!hasScriptOption && operandScript !== undefined) scripts.push(operandScript);
  let effect: SedEffect = inPlace ? 'writes' : 'none';
  for (const script of scripts) {
    const scriptEffect = sedScriptEffect(script);
    if (scriptEffect === 'executes' || scriptEffect === 'unreadable') return scriptEffect;
    if (scriptEffect === 'writes') effect = 'writes';
  }
  return effect;
}
