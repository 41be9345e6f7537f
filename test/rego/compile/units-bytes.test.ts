// units.parse_bytes reads an amount with an exponent as units.parse does (1e3KB), and an
// exponent of more than six digits is "exponent too large", as OPA.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "../builtins/helpers.js";

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth({ bytes: "units.parse_bytes(input.s)" }));
}, 120_000);

describe("units.parse_bytes amounts", () => {
  it("take an exponent", () => {
    expect(e.value("bytes", { s: "1e3KB" })).toBe(1_000_000);
    expect(e.value("bytes", { s: "2.5e-1KiB" })).toBe(256);
    expect(e.value("bytes", { s: "1.5GB" })).toBe(1_500_000_000);
  });
  it("an exponent too long, a malformed amount and a missing one are errors", () => {
    expect(strict.error("bytes", { s: "10e10000000EiB" })).toMatch(/units\.parse_bytes: exponent too large/);
    expect(strict.error("bytes", { s: "1.2.3MB" })).toMatch(/could not parse byte amount to a number/);
    expect(strict.error("bytes", { s: "MB" })).toMatch(/no byte amount provided/);
  });
});
