// Integers beyond 2^53 keep their digits, as OPA's arbitrary-precision numbers do: read from JSON
// (literals, input, data), written back, compared, and through plus, minus, mul, rem, abs, sum,
// product, sprintf and format_int. Other numbers stay doubles.
import { beforeAll, describe, expect, it } from "vitest";
import { loadRuntime, type Runtime } from "./harness.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
});

const BIG = "18446744073709551617"; // 2^64 + 1

describe("integers beyond 2^53", () => {
  it("are read and written with every digit", () => {
    expect(rt.call("plus", BIG, "0")).toBe(BIG);
    expect(rt.call("plus", "9007199254740992", "1")).toBe("9007199254740993");
    expect(rt.call("plus", "-9007199254740993", "1")).toBe("-9007199254740992");
  });
  it("add, subtract, multiply and take remainders exactly", () => {
    expect(rt.call("plus", BIG, "1")).toBe("18446744073709551618");
    expect(rt.call("minus", BIG, "18446744073709551618")).toBe("-1");
    expect(rt.call("mul", BIG, "-3")).toBe("-55340232221128654851");
    expect(rt.call("mul", "2147483647", "2147483647")).toBe("4611686014132420609");
    expect(rt.call("rem", BIG, "18446744073709551616")).toBe("1");
    expect(rt.call("rem", "-100", "18446744073709551616")).toBe("-100");
    expect(rt.call("abs", "-" + BIG)).toBe(BIG);
  });
  it("an integer written with an exponent or a zero fraction is exact too", () => {
    expect(rt.call("plus", "1e30", "1")).toBe("1000000000000000000000000000001");
    expect(rt.call("minus", "12345678901234567890.0", "1")).toBe("12345678901234567889");
  });
  it("compare by value, not by the nearest double", () => {
    expect(rt.call("equal", BIG, "18446744073709551616")).toBe("false");
    expect(rt.call("neq", "28857836529306024611913", "28857836529306024611912")).toBe("true");
    expect(rt.call("lt", "18446744073709551616", BIG)).toBe("true");
    expect(rt.call("gt", "-18446744073709551616", "-" + BIG)).toBe("true");
    expect(rt.call("equal", `[${BIG}]`, `[${BIG}]`)).toBe("true");
    expect(rt.call("count", `{${BIG}, 18446744073709551616}`)).toBe("2");
  });
  it("sum and product, sprintf and format_int keep them", () => {
    expect(rt.call("sum", `[9223372036854775807, 1]`)).toBe("9223372036854775808");
    expect(rt.call("product", `[${BIG}, 2]`)).toBe("36893488147419103234");
    expect(rt.call("sum", "[1.5, 2.5]")).toBe("4");
    expect(rt.call("sprintf", '"%d %v %s"', `[${BIG}, -${BIG}, 1208925819614629174706175]`)).toBe(`"${BIG} -${BIG} 1208925819614629174706175"`);
    expect(rt.call("format_int", BIG, "10")).toBe(`"${BIG}"`);
  });
  it("bits operate on 64-bit integers exactly, and shifts left beyond them", () => {
    expect(rt.call("bits.lsh", "9223372036854775807", "1")).toBe("18446744073709551614");
    expect(rt.call("bits.lsh", "1", "70")).toBe("1180591620717411303424");
    expect(rt.call("bits.and", "9223372036854775807", "9007199254740993")).toBe("9007199254740993");
    expect(rt.call("bits.or", "9007199254740992", "1")).toBe("9007199254740993");
    expect(rt.call("bits.rsh", "18014398509481987", "1")).toBe("9007199254740993");
    expect(rt.call("bits.negate", "-9007199254740994")).toBe("9007199254740993");
  });
  it("decimals and small integers are unchanged", () => {
    expect(rt.call("plus", "0.5", "2")).toBe("2.5");
    expect(rt.call("mul", "1e2", "3")).toBe("300");
    expect(rt.call("plus", "123456789012345", "1")).toBe("123456789012346");
  });
});
