// units.parse and uuid.parse.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

const RULES = {
  milli: `units.parse("100m")`,
  kilo: `units.parse("2K")`,
  kibi: `units.parse("1.5Ki")`,
  mega: `units.parse("3M")`,
  mebiLower: `units.parse("1mi")`,
  plain: `units.parse("42")`,
  exponent: `units.parse("1e3")`,
  quoted: `units.parse("\\"5G\\"")`,
  fraction: `units.parse("1m")`,
  spaces: `units.parse("5 K")`,
  noAmount: `units.parse("K")`,
  badUnit: `units.parse("12Q")`,
  badNumber: `units.parse("1.2.3K")`,
  longExponent: `units.parse("1e1234567")`,
  // beyond 2^53 the result keeps its digits, as OPA's numbers (compared with exact literals)
  exbi: `units.parse("10Ei") == 11529215046068469760`,
  exbiBytes: `units.parse_bytes("10eib") == 11529215046068469760`,
  exbiOff: `units.parse_bytes("10eib") == 11529215046068469761`,
  v4: `uuid.parse("00000000-0000-4000-8000-000000000000")`,
  v1: `uuid.parse("urn:uuid:c232ab00-9414-11ec-b3c8-9f6bdeced846")`,
  v2: `uuid.parse("000003e8-48b9-21ee-b200-325096b39f47")`,
  braces: `uuid.parse("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}")`,
  hex: `uuid.parse("6bea8ef2d3d33cd184e09bab06a52ece")`,
  invalid: `uuid.parse("not-a-uuid")`,
  notString: `uuid.parse(input.n)`,
};

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth(RULES));
});

describe("units.parse", () => {
  it("is exact beyond 2^53", () => {
    expect(e.value("exbi")).toBe(true);
    expect(e.value("exbiBytes")).toBe(true);
    expect(e.value("exbiOff")).toBe(false);
  });
  it("reads SI and binary units, m being milli and M mega", () => {
    expect(e.value("milli")).toBe(0.1);
    expect(e.value("kilo")).toBe(2000);
    expect(e.value("kibi")).toBe(1536);
    expect(e.value("mega")).toBe(3000000);
    expect(e.value("mebiLower")).toBe(1048576);
    expect(e.value("plain")).toBe(42);
    expect(e.value("exponent")).toBe(1000);
    expect(e.value("quoted")).toBe(5e9);
    expect(e.value("fraction")).toBe(0.001);
  });

  it("fails with OPA's messages", () => {
    expect(e.value("spaces")).toBeUndefined();
    expect(strict.error("spaces")).toBe("eval_builtin_error: units.parse: spaces not allowed in resource strings");
    expect(strict.error("noAmount")).toBe("eval_builtin_error: units.parse: no amount provided");
    expect(strict.error("badUnit")).toBe("eval_builtin_error: units.parse: unit Q not recognized");
    expect(strict.error("badNumber")).toBe("eval_builtin_error: units.parse: could not parse amount to a number");
    expect(strict.error("longExponent")).toBe("eval_builtin_error: units.parse: exponent too large");
  });
});

describe("uuid.parse", () => {
  it("decodes version and variant, and the time fields of versions 1 and 2", () => {
    expect(e.value("v4")).toEqual({ version: 4, variant: "RFC4122" });
    expect(e.value("braces")).toEqual({ version: 1, variant: "RFC4122", time: expect.any(Number), nodeid: "00-c0-4f-d4-30-c8", macvariables: "global:unicast", clocksequence: 180 });
    expect(e.value("hex")).toEqual({ version: 3, variant: "RFC4122" });
    const v1 = e.value("v1") as Record<string, unknown>;
    expect(v1).toMatchObject({ version: 1, variant: "RFC4122", nodeid: "9f-6b-de-ce-d8-46", macvariables: "local:multicast", clocksequence: 13256 });
    expect(new Date((v1.time as number) / 1e6).toISOString()).toBe("2022-02-22T19:22:22.000Z");
    const v2 = e.value("v2") as Record<string, unknown>;
    expect(v2).toMatchObject({ version: 2, id: 1000, domain: "Person", nodeid: "32-50-96-b3-9f-47", macvariables: "local:unicast", clocksequence: 12800 });
    // 1693566990121469600 in OPA; sanso's numbers are 64-bit floats
    expect(Math.abs((v2.time as number) - 1693566990121469600)).toBeLessThan(1000);
  });

  it("is undefined for invalid UUIDs, even in strict mode; a non-string is a type error", () => {
    expect(e.value("invalid")).toBeUndefined();
    expect(strict.error("invalid")).toBeUndefined();
    expect(strict.value("invalid")).toBeUndefined();
    expect(e.value("notString", { n: 123 })).toBeUndefined();
    expect(strict.error("notString", { n: 123 })).toBe("eval_type_error: uuid.parse: operand 1 must be string but got number");
  });
});
