/**
 * Values of a pure function of a text, computed ahead of need elsewhere (a bulk import's analysis worker
 * threads) and taken once by whoever needs them, who otherwise computes them. Keyed by the text itself,
 * so a value taken is the one the function gives for that very text.
 */
export class TextMemo<T> {
  private readonly values = new Map<string, T>();

  put(text: string, value: T): void {
    this.values.set(text, value);
  }

  /** The value computed ahead for this text (forgotten once taken), or `compute(text)`. */
  take(text: string, compute: (text: string) => T): T {
    const v = this.values.get(text);
    if (v === undefined) return compute(text);
    this.values.delete(text);
    return v;
  }

  /** Forget what was not taken (an import's end). */
  clear(): void {
    this.values.clear();
  }

  get size(): number {
    return this.values.size;
  }
}
