/**
 * Whether an object's methods must run with the object itself as `this` rather than a
 * Proxy: classes with `#private` members (or their down-levelled WeakMap form) and
 * built-ins with internal slots reject a Proxy receiver.
 */
const PRIVATE_ACCESS = /\.#[A-Za-z_$]|#[A-Za-z_$][\w$]*\s+in\s|__classPrivateField|_classPrivateField/;

const BUILT_INS_WITH_SLOTS: readonly (abstract new (...args: any[]) => unknown)[] = [
  Map,
  Set,
  WeakMap,
  WeakSet,
  Date,
  Promise,
  RegExp,
  ArrayBuffer,
];

const verdicts = new WeakMap<object, boolean>();

function classUsesPrivateState(prototype: object): boolean {
  const cached = verdicts.get(prototype);
  if (cached !== undefined) return cached;
  let verdict = false;
  try {
    const ctor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value;
    if (typeof ctor === 'function') verdict = PRIVATE_ACCESS.test(Function.prototype.toString.call(ctor));
  } catch {
    verdict = true;
  }
  verdicts.set(prototype, verdict);
  return verdict;
}

/** True when `object` has to be the receiver of its own methods. Unknown cases answer true (the safe side). */
export function needsOriginalReceiver(object: object): boolean {
  try {
    if (BUILT_INS_WITH_SLOTS.some((type) => object instanceof type) || ArrayBuffer.isView(object))
      return true;
    for (let proto = Object.getPrototypeOf(object); proto !== null && proto !== Object.prototype; ) {
      if (classUsesPrivateState(proto)) return true;
      proto = Object.getPrototypeOf(proto);
    }
    return false;
  } catch {
    return true;
  }
}

const CLASS_SOURCE = /^class[\s{]/;

/** True for a class (which must not be bound or called as a method). */
export function isClass(fn: Function): boolean {
  try {
    return CLASS_SOURCE.test(Function.prototype.toString.call(fn));
  } catch {
    return false;
  }
}

/** True for a `function*` or `async function*`. */
export function generatorKind(fn: Function): 'sync' | 'async' | undefined {
  const tag = Object.prototype.toString.call(fn);
  if (tag === '[object GeneratorFunction]') return 'sync';
  if (tag === '[object AsyncGeneratorFunction]') return 'async';
  return undefined;
}
