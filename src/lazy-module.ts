/**
 * A dependency loaded on its first use instead of when railguard is imported: `openai`, `sql.js`,
 * `@lezer/python`, `acorn` and `obscenity` made up most of the import time, and many programs
 * never need them.
 * `loaded` holds the module once it has arrived, so that a synchronous check stays synchronous
 * after its first use.
 */
export class LazyModule<T> {
  readonly #load: () => Promise<T>;
  #loading: Promise<T> | undefined;
  #loaded: T | undefined;

  constructor(load: () => Promise<T>) {
    this.#load = load;
  }

  /** The module, if it has been loaded. */
  get loaded(): T | undefined {
    return this.#loaded;
  }

  /** Loads the module once; a failed load is tried again on the next call. */
  load(): Promise<T> {
    this.#loading ??= this.#load().then(
      (module) => {
        this.#loaded = module;
        return module;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }
}
