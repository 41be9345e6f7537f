import { beforeAll, describe, expect, it } from "vitest";
import { loadRuntime, type Runtime } from "./harness.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
});

describe("arithmetic", () => {
  it("plus/minus/mul/div", () => {
    expect(rt.call("plus", "1", "2")).toBe("3");
    expect(Number(rt.call("plus", "0.1", "0.2"))).toBe(0.1 + 0.2);
    expect(rt.call("minus", "1", "2.5")).toBe("-1.5");
    expect(rt.call("mul", "3", "-4")).toBe("-12");
    expect(rt.call("div", "7", "2")).toBe("3.5");
    expect(rt.call("div", "-0", "5")).toBe("0");
  });

  it("minus on sets is set difference", () => {
    expect(rt.call("minus", "{1,2,3}", "{2,4}")).toBe("{1,3}");
    expect(rt.call("minus", "{1}", "{1}")).toBe("set()");
    expect(rt.call("set_diff", "{1,2}", "{2}")).toBe("{1}");
  });

  it("type errors", () => {
    expect(rt.call("plus", '"a"', "1")).toBeUndefined();
    expect(rt.err("plus", '"a"', "1")).toBe("eval_type_error: plus: operand 1 must be number but got string");
    expect(rt.err("mul", "1", "[]")).toBe("eval_type_error: mul: operand 2 must be number but got array");
    expect(rt.err("minus", '"a"', "1")).toBe("eval_type_error: minus: operand 1 must be one of {number, set} but got string");
    expect(rt.err("minus", "{1}", "1")).toBe("eval_type_error: minus: operand 2 must be set but got number");
    expect(rt.err("minus", "1", "{1}")).toBe("eval_type_error: minus: operand 2 must be number but got set");
  });

  it("div by zero", () => {
    expect(rt.call("div", "1", "0")).toBeUndefined();
    expect(rt.err("div", "1", "0")).toBe("eval_builtin_error: div: divide by zero");
  });

  it("rem", () => {
    expect(rt.call("rem", "7", "3")).toBe("1");
    expect(rt.call("rem", "-7", "3")).toBe("-1");
    expect(rt.call("rem", "7", "-3")).toBe("1");
    expect(rt.err("rem", "7.5", "2")).toBe("eval_builtin_error: rem: modulo on floating-point number");
    expect(rt.err("rem", "7", "0")).toBe("eval_builtin_error: rem: modulo by zero");
    expect(rt.err("rem", "1.5", "0")).toBe("eval_builtin_error: rem: modulo on floating-point number");
  });

  it("abs/round/ceil/floor", () => {
    expect(rt.call("abs", "-3.5")).toBe("3.5");
    expect(rt.call("round", "2.5")).toBe("3");
    expect(rt.call("round", "-2.5")).toBe("-3");
    expect(rt.call("round", "2.4999")).toBe("2");
    expect(rt.call("ceil", "1.2")).toBe("2");
    expect(rt.call("ceil", "-1.2")).toBe("-1");
    expect(rt.call("floor", "-1.2")).toBe("-2");
    expect(rt.call("floor", "5")).toBe("5");
    expect(rt.err("round", '"x"')).toBe("eval_type_error: round: operand 1 must be number but got string");
  });
});

describe("comparison", () => {
  it("equal/neq/lt/lte/gt/gte", () => {
    expect(rt.call("equal", "1", "1.0")).toBe("true");
    expect(rt.call("equal", "{1,2}", "{2,1}")).toBe("true");
    expect(rt.call("neq", '{"a":1}', '{"a":2}')).toBe("true");
    expect(rt.call("lt", "null", "false")).toBe("true");
    expect(rt.call("lt", "1", '"1"')).toBe("true");
    expect(rt.call("lt", '"b"', '"a"')).toBe("false");
    expect(rt.call("lte", "[1,2]", "[1,2]")).toBe("true");
    expect(rt.call("gt", "{}", "[9]")).toBe("true");
    expect(rt.call("gt", "set()", "{}")).toBe("true");
    expect(rt.call("gte", "2", "3")).toBe("false");
  });
});

describe("numbers.range", () => {
  it("ascending, descending, single", () => {
    expect(rt.call("numbers.range", "0", "3")).toBe("[0,1,2,3]");
    expect(rt.call("numbers.range", "2", "-3")).toBe("[2,1,0,-1,-2,-3]");
    expect(rt.call("numbers.range", "0", "0")).toBe("[0]");
    expect(rt.call("numbers.range_step", "0", "10", "4")).toBe("[0,4,8]");
    expect(rt.call("numbers.range_step", "10", "0", "4")).toBe("[10,6,2]");
  });
  it("errors", () => {
    expect(rt.err("numbers.range", "1.5", "3")).toBe(
      "eval_type_error: numbers.range: operand 1 must be integer number but got floating-point number",
    );
    expect(rt.err("numbers.range", "1", '"3"')).toBe("eval_type_error: numbers.range: operand 2 must be integer but got string");
    expect(rt.err("numbers.range_step", "1", "3", "0")).toBe(
      "eval_builtin_error: numbers.range_step: step must be a positive integer",
    );
  });
});

describe("bits", () => {
  it("or/and/xor/negate/lsh/rsh", () => {
    expect(rt.call("bits.or", "12", "3")).toBe("15");
    expect(rt.call("bits.and", "12", "4")).toBe("4");
    expect(rt.call("bits.xor", "5", "3")).toBe("6");
    expect(rt.call("bits.negate", "5")).toBe("-6");
    expect(rt.call("bits.lsh", "1", "10")).toBe("1024");
    expect(rt.call("bits.lsh", "1", "60")).toBe("1152921504606846976");
    expect(rt.call("bits.rsh", "1024", "3")).toBe("128");
    expect(rt.call("bits.rsh", "-5", "1")).toBe("-3");
  });
  it("errors", () => {
    expect(rt.err("bits.or", "1.5", "1")).toBe(
      "eval_type_error: bits.or: operand 1 must be integer number but got floating-point number",
    );
    expect(rt.err("bits.lsh", "1", "-1")).toBe(
      "eval_type_error: bits.lsh: operand 2 must be an unsigned integer number but got a negative integer",
    );
    expect(rt.err("bits.negate", '"a"')).toBe("eval_type_error: bits.negate: operand 1 must be integer but got string");
  });
});

describe("format_int", () => {
  it("formats in bases 2/8/10/16, truncating", () => {
    expect(rt.callJ("format_int", "15", "2")).toBe("1111");
    expect(rt.callJ("format_int", "15", "8")).toBe("17");
    expect(rt.callJ("format_int", "15", "10")).toBe("15");
    expect(rt.callJ("format_int", "255", "16")).toBe("ff");
    expect(rt.callJ("format_int", "15.5", "16")).toBe("f");
    expect(rt.callJ("format_int", "-15.9", "10")).toBe("-15");
    expect(rt.callJ("format_int", "0", "2")).toBe("0");
    expect(rt.callJ("format_int", "9007199254740993", "10")).toBe("9007199254740993"); // exact beyond 2^53, as OPA
  });
  it("errors", () => {
    expect(rt.err("format_int", "15", "3")).toBe("eval_type_error: format_int: operand 2 must be one of {2, 8, 10, 16}");
    expect(rt.err("format_int", '"15"', "10")).toBe("eval_type_error: format_int: operand 1 must be number but got string");
  });
});

describe("to_number", () => {
  it("converts null, booleans, numbers and numeric strings", () => {
    expect(rt.call("to_number", "null")).toBe("0");
    expect(rt.call("to_number", "true")).toBe("1");
    expect(rt.call("to_number", "false")).toBe("0");
    expect(rt.call("to_number", "3.5")).toBe("3.5");
    expect(rt.call("to_number", '"3"')).toBe("3");
    // the number keeps the string's text, as OPA's json.Number("-1.5e2"); it equals -150
    expect(rt.call("to_number", '"-1.5e2"')).toBe("-1.5e2");
    expect(rt.call("equal", "-150", '-1.5e2')).toBe("true");
    expect(rt.call("to_number", '"+5"')).toBe("5");
    expect(rt.call("to_number", '".5"')).toBe("0.5");
    expect(rt.call("to_number", '"5."')).toBe("5");
    expect(rt.call("to_number", '"007"')).toBe("7");
  });
  it("errors", () => {
    expect(rt.call("to_number", '"abc"')).toBeUndefined();
    expect(rt.err("to_number", '"abc"')).toBe('eval_builtin_error: to_number: strconv.ParseFloat: parsing "abc": invalid syntax');
    expect(rt.err("to_number", '" 1"')).toBe('eval_builtin_error: to_number: strconv.ParseFloat: parsing " 1": invalid syntax');
    expect(rt.err("to_number", '"1e999"')).toBe(
      'eval_builtin_error: to_number: strconv.ParseFloat: parsing "1e999": value out of range',
    );
    expect(rt.err("to_number", '"-Inf"')).toBe("eval_type_error: to_number: operand 1 must be valid number string but got string");
    expect(rt.err("to_number", "[]")).toBe(
      "eval_type_error: to_number: operand 1 must be one of {null, boolean, number, string} but got array",
    );
  });
});

describe("numbers written with a fraction or an exponent", () => {
  it("keep their text, as OPA's json.Number: output, and sprintf's float formatting", () => {
    expect(rt.call("to_number", "101.00")).toBe("101.00");
    expect(rt.call("to_number", "1e-400")).toBe("1e-400");
    // the natively served cases; a top-level number with text goes to JavaScript (test/rego/compile/number-text.test.ts)
    expect(rt.call("sprintf", '"%v"', "[[101.00, 1e2]]")).toBe('"[101.00, 1e2]"');
    expect(rt.call("sprintf", '"%d"', "[101]")).toBe('"101"');
  });
  it("order and compare exactly beyond a double's precision and range", () => {
    expect(rt.call("gt", "0.1234567890123456789", "0.1234567890123456788")).toBe("true");
    expect(rt.call("equal", "0.1234567890123456789", "0.1234567890123456788")).toBe("false");
    expect(rt.call("gt", "1e-400", "0")).toBe("true");
    expect(rt.call("lt", "-1e-400", "0")).toBe("true");
    expect(rt.call("equal", "1e-400", "0")).toBe("false");
    expect(rt.call("equal", "3.50", "3.5")).toBe("true");
    expect(rt.call("equal", "0.35e1", "35e-1")).toBe("true");
    expect(rt.call("equal", "1e2", "100")).toBe("true");
    expect(rt.call("equal", "-0.0", "0")).toBe("true");
    expect(rt.call("lt", "0.001", "0.01")).toBe("true");
    expect(rt.call("lt", "-0.5", "-0.05")).toBe("true");
    expect(rt.call("gt", "1e400", "1e399")).toBe("true");
    expect(rt.call("count", "{3.5, 3.50, 35e-1, 0.35e1}")).toBe("1");
    expect(rt.call("count", "{1e-400, 0, 2e-400}")).toBe("3");
    expect(rt.call("sort", "[0.1234567890123456789, 1e-400, 0.1234567890123456788, 0]")).toBe("[0,1e-400,0.1234567890123456788,0.1234567890123456789]");
  });
});
