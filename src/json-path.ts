/**
 * JSONPath text for locations in an output: `$.name`, `$["two words"]`, `$.fees[2]`. The one
 * formatter for the compiler's binding paths, the parser's repairs and the guard's logs, so
 * every layer names a key the same way. It lives in the base layer, below every layer that writes
 * paths.
 */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `$.name`, or `$["two words"]` (a JSON string, so any key reads back unambiguously). */
export function keyPath(parent: string, key: string): string {
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
