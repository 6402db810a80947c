/** A growable list of 1-based source line numbers, one per row. */
export class LineNumbers {
  length = 0;
  private data = new Int32Array(1024);

  push(line: number): void {
    if (this.length === this.data.length) this.reserve(this.data.length * 2);
    this.data[this.length++] = line;
  }

  /** Makes room for `n` rows. */
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const data = new Int32Array(n);
    data.set(this.data.subarray(0, this.length));
    this.data = data;
  }

  /** The lines so far (a view, not a copy). */
  array(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
