/**
 * Sets `key` on an object as an own data property (writable, enumerable, configurable), as
 * `JSON.parse` makes it: by assignment, which is several times faster, except for `__proto__`,
 * whose assignment would set the object's prototype instead (a parsed answer, or a spec, may hold
 * that key).
 */
export function defineKey(target: object, key: string, value: unknown): void {
  if (key !== "__proto__") {
    (target as Record<string, unknown>)[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
