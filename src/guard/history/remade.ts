/**
 * A value the record makes again when read rather than keeps: the answer's text parsed again (see
 * `Remaking` in events.ts). Made once, then kept: every reader gets the same value.
 */
export class Remade {
  #made: { value: unknown } | undefined;

  constructor(readonly make: () => unknown) {}

  get value(): unknown {
    this.#made ??= { value: this.make() };
    return this.#made.value;
  }
}

/** The value held, made when it is a `Remade`. */
export const heldValue = (held: unknown): unknown => (held instanceof Remade ? held.value : held);
