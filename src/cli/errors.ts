// Turns failures into what a user should see: a message naming the file and the problem, exit 2.

import { RegoErrors } from "../rego/syntax/ast.js";

/** An error whose message is fit for the user as it stands (exit code 2). */
export class UsageError extends Error {}

export function describeError(e: unknown): string {
  if (e instanceof RegoErrors) return e.errors.map((x) => `${x.message} (${x.code})`).join("\n");
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  if (e && typeof e === "object" && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}

/** Runs a command action: prints errors without a stack trace (unless --debug) and exits 2. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void> | number | void) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args);
      if (typeof code === "number") process.exitCode = code;
    } catch (e) {
      console.error(`sanso: ${describeError(e)}`);
      if (process.argv.includes("--debug") && e instanceof Error) console.error(e.stack);
      process.exitCode = 2;
    }
  };
}
