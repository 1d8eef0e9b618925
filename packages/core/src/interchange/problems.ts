/** A problem with an exchanged document: the dotted JSON path of the field (`components.0.name`) and what is wrong. */
export interface InterchangeProblem {
  path: string;
  message: string;
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const joinPath = (base: string, key: string | number): string => (base === '' ? String(key) : `${base}.${key}`);

/**
 * A small structural checker: each helper records a problem at its path and returns whether the value fits, so the
 * callers can walk on into what is there. `strict` also refuses keys the checker does not know (used for what
 * Konform writes; documents from elsewhere may carry newer keys).
 */
export class Checker {
  readonly problems: InterchangeProblem[] = [];
  constructor(readonly strict = false) {}

  fail(path: string, message: string): false {
    this.problems.push({ path, message });
    return false;
  }

  object(value: unknown, path: string, known?: readonly string[]): value is Record<string, unknown> {
    if (!isObject(value)) return this.fail(path, 'Expected an object');
    if (this.strict && known) for (const key of Object.keys(value)) if (!known.includes(key)) this.fail(joinPath(path, key), 'Unknown property');
    return true;
  }

  array(value: unknown, path: string): value is unknown[] {
    return Array.isArray(value) || this.fail(path, 'Expected a list');
  }

  /** An optional string (absent is fine); `required` refuses absence and the empty string. */
  string(value: unknown, path: string, required = false): boolean {
    if (value === undefined) return required ? this.fail(path, 'Required') : true;
    if (typeof value !== 'string') return this.fail(path, 'Expected a string');
    if (required && value.trim() === '') return this.fail(path, 'Must not be empty');
    return true;
  }

  oneOf(value: unknown, path: string, allowed: readonly string[], required = false): boolean {
    if (value === undefined) return required ? this.fail(path, 'Required') : true;
    if (typeof value !== 'string' || !allowed.includes(value)) return this.fail(path, `Expected one of: ${allowed.join(', ')}`);
    return true;
  }

  strings(value: unknown, path: string): boolean {
    if (value === undefined) return true;
    if (!this.array(value, path)) return false;
    value.forEach((s, i) => this.string(s, joinPath(path, i), true));
    return true;
  }

  /** An optional list of objects, each checked by `each`. */
  list(value: unknown, path: string, each: (item: Record<string, unknown>, path: string) => void, known?: readonly string[]): void {
    if (value === undefined || !this.array(value, path)) return;
    value.forEach((item, i) => {
      const p = joinPath(path, i);
      if (this.object(item, p, known)) each(item, p);
    });
  }
}
