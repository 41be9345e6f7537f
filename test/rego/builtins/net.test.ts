// net.cidr_merge, net.cidr_expand, net.cidr_contains_matches.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, compileRules, type Evaluator } from "./helpers.js";

const RULES = {
  mergeAdjacent: `net.cidr_merge(["192.0.128.0/24", "192.0.129.0/24"])`,
  mergeMixed: `net.cidr_merge(["192.0.2.112/31", "192.0.2.116/31", "192.0.2.118/31"])`,
  mergeContained: `net.cidr_merge(["192.0.128.0/24", "0.0.0.0/0"])`,
  mergeFamilies: `net.cidr_merge(["fe80::/120", "192.0.2.0/24", "192.0.3.0/24", "192.0.4.0/25", "192.0.4.128/25"])`,
  mergeAddresses: `net.cidr_merge(["192.0.128.0", "192.0.129.0"])`,
  mergeLoneAddress: `net.cidr_merge(["10.1.2.3"])`,
  mergeIPv6: `net.cidr_merge(["2001:db8::/33", "2001:db8:8000::/33", "2001:db8::1/128"])`,
  mergeDuplicates: `net.cidr_merge(["10.0.0.0/8", "10.0.0.0/8"])`,
  mergeEmpty: `net.cidr_merge([])`,
  mergeInput: `net.cidr_merge(input.ranges)`,
  mergeBad: `net.cidr_merge(["not-a-cidr"])`,
  mergeV6NoPrefix: `net.cidr_merge(["2001:db8::1"])`,
  expand4: `net.cidr_expand("192.168.1.0/30")`,
  expand6: `net.cidr_expand("fd00::/127")`,
  expandOne: `net.cidr_expand("10.0.0.7/32")`,
  expandBad: `net.cidr_expand("10.0.0.0")`,
  expandHuge: `net.cidr_expand("10.0.0.0/8")`,
  matchesString: `net.cidr_contains_matches("10.0.0.0/8", "10.1.2.3")`,
  matchesArrays: `net.cidr_contains_matches(["10.0.0.0/8", "192.168.0.0/16"], ["192.168.1.1", "10.2.0.0/16", "8.8.8.8"])`,
  matchesObject: `net.cidr_contains_matches({"office": "192.168.0.0/16", "lab": ["10.0.0.0/8", "extra"]}, ["10.9.9.9"])`,
  matchesBadElement: `net.cidr_contains_matches([1], "10.0.0.1")`,
  // a set's members are their own keys (not positions)
  matchesSets: `net.cidr_contains_matches({"1.1.1.0/24", "1.1.2.0/24"}, {"1.1.1.1", "1.1.2.1"})`,
  matchesBadCidr: `net.cidr_contains_matches(["nope"], "10.0.0.1")`,
};

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth(RULES));
});

describe("net.cidr_merge", () => {
  it("merges adjacent and contained networks", () => {
    expect(e.value("mergeAdjacent")).toEqual(["192.0.128.0/23"]);
    expect(e.value("mergeMixed")).toEqual(["192.0.2.112/31", "192.0.2.116/30"]);
    expect(e.value("mergeContained")).toEqual(["0.0.0.0/0"]);
    expect(e.value("mergeFamilies")).toEqual(["192.0.2.0/23", "192.0.4.0/24", "fe80::/120"]);
    expect(e.value("mergeIPv6")).toEqual(["2001:db8::/32"]);
    expect(e.value("mergeDuplicates")).toEqual(["10.0.0.0/8"]);
    expect(e.value("mergeEmpty")).toEqual([]);
    expect(e.value("mergeInput", { ranges: ["10.0.0.0/9", "10.128.0.0/9"] })).toEqual(["10.0.0.0/8"]);
  });

  it("gives an IPv4 address its classful network, as Go's DefaultMask", () => {
    expect(e.value("mergeAddresses")).toEqual(["192.0.128.0/23"]);
    expect(e.value("mergeLoneAddress")).toEqual(["10.1.2.3/8"]);
  });

  it("fails on invalid elements and on IPv6 addresses without a prefix", () => {
    expect(e.value("mergeBad")).toBeUndefined();
    expect(strict.error("mergeBad")).toBe("eval_builtin_error: net.cidr_merge: invalid CIDR address: not-a-cidr");
    expect(strict.error("mergeV6NoPrefix")).toBe("eval_builtin_error: net.cidr_merge: IPv6 invalid: needs prefix length");
  });
});

describe("net.cidr_expand", () => {
  it("lists every address of the network", () => {
    expect(e.value("expand4")).toEqual(["192.168.1.0", "192.168.1.1", "192.168.1.2", "192.168.1.3"]);
    expect(e.value("expand6")).toEqual(["fd00::", "fd00::1"]);
    expect(e.value("expandOne")).toEqual(["10.0.0.7"]);
  });

  it("fails on a non-CIDR and on networks over the size limit", () => {
    expect(e.value("expandBad")).toBeUndefined();
    expect(strict.error("expandBad")).toBe("eval_builtin_error: net.cidr_expand: invalid CIDR address: 10.0.0.0");
    expect(strict.error("expandHuge")).toMatch(/net\.cidr_expand: 10\.0\.0\.0\/8 has more than \d+ addresses/);
  });
});

describe("net.cidr_contains_matches", () => {
  it("pairs the indexes (or keys) of the containing CIDRs and the contained addresses", () => {
    expect(e.value("matchesString")).toEqual([["10.0.0.0/8", "10.1.2.3"]]);
    expect(e.value("matchesArrays")).toEqual([[0, 1], [1, 0]]);
    expect(e.value("matchesObject")).toEqual([["lab", 0]]);
    expect(e.value("matchesSets")).toEqual([["1.1.1.0/24", "1.1.1.1"], ["1.1.2.0/24", "1.1.2.1"]]);
  });

  it("fails on elements that are neither strings nor non-empty arrays, and on bad CIDRs", () => {
    expect(e.value("matchesBadElement")).toBeUndefined();
    expect(strict.error("matchesBadElement")).toBe("eval_builtin_error: net.cidr_contains_matches: operand 1: element must be string or non-empty array");
    expect(strict.error("matchesBadCidr")).toBe("eval_builtin_error: net.cidr_contains_matches: invalid CIDR address: nope");
  });
});

describe("set results of JavaScript builtins", () => {
  it("are sets, as OPA declares them: comparisons with set literals hold", async () => {
    const e = await compileRules(
      `merged if net.cidr_merge(["10.0.0.0/24", "10.0.1.0/24"]) == {"10.0.0.0/23"}

expanded if net.cidr_expand("10.0.0.0/31") == {"10.0.0.1", "10.0.0.0"}

member if "10.0.0.1" in net.cidr_expand("10.0.0.0/31")

undefined_stays := net.cidr_merge(input.bad)
`,
      ["merged", "expanded", "member", "undefined_stays"],
    );
    expect(e.value("merged")).toBe(true);
    expect(e.value("expanded")).toBe(true);
    expect(e.value("member")).toBe(true);
    expect(e.value("undefined_stays", { bad: ["not a cidr"] })).toBeUndefined();
  });
});
