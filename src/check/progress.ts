/**
 * Progress on stderr, only on a terminal and only for work that takes a while: a single status
 * line, rewritten in place and erased at the end, so that logs and pipes never see it.
 */
export class Progress {
  private readonly start = performance.now();
  private shown = false;
  constructor(
    private readonly enabled: boolean,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    /** Messages are shown once this many ms have passed, or at once for steps marked long. */
    private readonly delayMs = 400,
  ) {}

  static forStderr(quiet: boolean): Progress {
    return new Progress(!quiet && !!process.stderr.isTTY && !process.env.CI);
  }

  step(message: string, long = false): void {
    if (!this.enabled) return;
    if (!long && !this.shown && performance.now() - this.start < this.delayMs) return;
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    const text = `sanso: ${message}…`;
    this.stream.write(`\r\x1b[2K${text.length > width ? text.slice(0, width - 1) + "…" : text}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }
}
