/** Writes `text` to `target`, or with --check exits 1 when the committed file differs (write-or-check.mjs). */
export function writeOrCheck(target: string, text: string, opts: { stale: string; summary?: string }): void;
