// time.format and time.parse_ns (Go layouts).
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

const T = 1707133074028819000; // 2024-02-05T11:37:54.028819Z

const RULES = {
  formatDefault: `time.format(${T})`,
  formatZone: `time.format([${T}, "America/New_York"])`,
  formatLayout: `time.format([${T}, "Europe/Paris", "Mon Jan _2 15:04:05 MST 2006"])`,
  formatDate: `time.format([${T}, "UTC", "2006-01-02"])`,
  formatNamed: `time.format([${T}, "", "RFC822Z"])`,
  formatClock12: `time.format([${T}, "Asia/Kolkata", "3:04PM .000 002 Monday January"])`,
  formatBadZone: `time.format([${T}, "Nowhere/Special"])`,
  formatBadType: `time.format("yesterday")`,
  parseDate: `time.parse_ns("2006-01-02", "2024-02-05")`,
  parseNamed: `time.parse_ns("RFC3339", "2024-02-05T11:37:54+01:00")`,
  parseNano: `time.parse_ns("RFC3339Nano", "2024-02-05T11:37:54.028819Z")`,
  parseUnix: `time.parse_ns("Mon Jan _2 15:04:05 MST 2006", "Mon Feb  5 11:37:54 UTC 2024")`,
  parseOffset: `time.parse_ns("02 Jan 06 15:04 -0700", "05 Feb 24 11:37 -0500")`,
  parsePM: `time.parse_ns("2006-01-02 3:04PM", "2024-02-05 11:37PM")`,
  roundTrip: `time.parse_ns("2006-01-02T15:04:05.999999999Z07:00", time.format(${T}))`,
  parseBadDay: `time.parse_ns("2006-01-02", "2024-02-30")`,
  parseBadMonth: `time.parse_ns("2006-01-02", "2024-13-01")`,
  parseMismatch: `time.parse_ns("2006-01-02", "24-02-05")`,
  parseExtra: `time.parse_ns("2006-01-02", "2024-02-05 and more")`,
  parseNoYear: `time.parse_ns("15:04", "10:30")`,
};

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth(RULES));
});

describe("time.format", () => {
  it("writes RFC3339 with nanoseconds by default, in a zone and in a layout", () => {
    expect(e.value("formatDefault")).toBe("2024-02-05T11:37:54.028819Z");
    expect(e.value("formatZone")).toBe("2024-02-05T06:37:54.028819-05:00");
    expect(e.value("formatLayout")).toBe("Mon Feb  5 12:37:54 CET 2024");
    expect(e.value("formatDate")).toBe("2024-02-05");
    expect(e.value("formatNamed")).toBe("05 Feb 24 11:37 +0000");
    expect(e.value("formatClock12")).toBe("5:07PM .028 036 Monday February");
  });

  it("fails on unknown zones and bad operands", () => {
    expect(e.value("formatBadZone")).toBeUndefined();
    expect(strict.error("formatBadZone")).toBe("eval_builtin_error: time.format: unknown time zone Nowhere/Special");
    expect(strict.error("formatBadType")).toBe("eval_type_error: time.format: operand 1 must be either number (ns) or [number (ns), string (tz)] but got string");
  });
});

describe("time.parse_ns", () => {
  it("parses with a layout or a layout's name", () => {
    expect(e.value("parseDate")).toBe(1707091200000000000);
    expect(e.value("parseNamed")).toBe(1707129474000000000);
    expect(e.value("parseNano")).toBe(1707133074028819000);
    expect(e.value("parseUnix")).toBe(1707133074000000000);
    expect(e.value("parseOffset")).toBe(1707151020000000000);
    expect(e.value("parsePM")).toBe(1707176220000000000);
    expect(e.value("roundTrip")).toBe(T);
  });

  it("fails with Go's messages", () => {
    expect(e.value("parseBadDay")).toBeUndefined();
    expect(strict.error("parseBadDay")).toBe('eval_builtin_error: time.parse_ns: parsing time "2024-02-30": day out of range');
    expect(strict.error("parseBadMonth")).toBe('eval_builtin_error: time.parse_ns: parsing time "2024-13-01": month out of range');
    expect(strict.error("parseMismatch")).toBe('eval_builtin_error: time.parse_ns: parsing time "24-02-05" as "2006-01-02": cannot parse "24-02-05" as "2006"');
    expect(strict.error("parseExtra")).toBe('eval_builtin_error: time.parse_ns: parsing time "2024-02-05 and more": extra text: " and more"');
    expect(strict.error("parseNoYear")).toBe("eval_builtin_error: time.parse_ns: time outside of valid range");
  });
});
