// time.* (Go's time package; zones through Intl).

import { builtinFail, goQuote, type Impl, int, str, typeFail } from "./common.js";
import { formatLayout, LayoutError, type Moment, NAMED_LAYOUTS, parseLayout } from "./time-layout.js";

export interface ZonedTime {
  ns: bigint;
  zone: string | undefined; // IANA name; undefined = UTC
  layout?: string; // [ns, tz, layout] (time.format)
}

export function tzTime(v: unknown, pos: number): ZonedTime {
  let nv: unknown;
  let zone: string | undefined;
  let layout: string | undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) throw typeFail(1, "either number (ns) or [number (ns), string (tz)]", v);
    nv = v[0];
    if (typeof nv !== "number") throw typeFail(1, "number", nv);
    if (v.length > 1) {
      const tz = v[1];
      if (typeof tz !== "string") throw typeFail(1, "string", tz);
      if (tz === "Local") zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      else if (tz !== "" && tz !== "UTC") {
        try {
          new Intl.DateTimeFormat("en-US", { timeZone: tz });
        } catch {
          throw builtinFail(`unknown time zone ${tz}`);
        }
        zone = tz;
      }
    }
    if (v.length > 2) {
      if (typeof v[2] !== "string") throw typeFail(1, "string", v[2]);
      layout = v[2];
    }
  } else if (typeof v === "number") {
    nv = v;
  } else {
    throw typeFail(1, "either number (ns) or [number (ns), string (tz)]", v);
  }
  void pos;
  const n = nv as number;
  if (!Number.isInteger(n) || Math.abs(n) > 9.223372036854775e18) throw builtinFail("timestamp too big");
  // Integers beyond 2^53 arrive rounded to a float: take their shortest decimal form (the digits
  // the policy wrote, for up to 17 significant digits) rather than the float's exact value.
  return { ns: BigInt(Math.abs(n) < 1e21 ? String(n) : n), zone, layout };
}

export interface Civil {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

export function civil(t: ZonedTime): Civil {
  const ms = Number(t.ns / 1000000n) - (t.ns % 1000000n < 0n ? 1 : 0);
  const date = new Date(ms);
  if (!t.zone) {
    return { y: date.getUTCFullYear(), mo: date.getUTCMonth() + 1, d: date.getUTCDate(), h: date.getUTCHours(), mi: date.getUTCMinutes(), s: date.getUTCSeconds() };
  }
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: t.zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    era: "short",
  }).formatToParts(date);
  const get = (k: string) => parseInt(parts.find((p) => p.type === k)!.value, 10);
  let y = get("year");
  if (parts.find((p) => p.type === "era")?.value === "BC") y = 1 - y;
  return { y, mo: get("month"), d: get("day"), h: get("hour"), mi: get("minute"), s: get("second") };
}

export function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate() || 31;
}

function timeDiff(a: unknown, b: unknown): number[] {
  const t1z = tzTime(a, 1);
  let t2z = tzTime(b, 2);
  t2z = { ns: t2z.ns, zone: t1z.zone };
  const [t1, t2] = t1z.ns > t2z.ns ? [t2z, t1z] : [t1z, t2z];
  const c1 = civil(t1);
  const c2 = civil(t2);
  let year = c2.y - c1.y;
  let month = c2.mo - c1.mo;
  let day = c2.d - c1.d;
  let hour = c2.h - c1.h;
  let min = c2.mi - c1.mi;
  let sec = c2.s - c1.s;
  if (sec < 0) {
    sec += 60;
    min--;
  }
  if (min < 0) {
    min += 60;
    hour--;
  }
  if (hour < 0) {
    hour += 24;
    day--;
  }
  if (day < 0) {
    day += daysIn(c1.y, c1.mo);
    month--;
  }
  if (month < 0) {
    month += 12;
    year--;
  }
  return [year, month, day, hour, min, sec];
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function weekday(t: ZonedTime): string {
  const c = civil(t);
  return WEEKDAYS[new Date(Date.UTC(c.y, c.mo - 1, c.d)).getUTCDay()];
}

/** time.parse_rfc3339_ns: Go's time.Parse(time.RFC3339, s) (fractional seconds accepted). */
export function parseRFC3339(v: unknown): number {
  const s = str(v, 1);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(s);
  const bad = () => builtinFail(`parsing time ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00"`);
  if (!m) throw bad();
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map((x) => parseInt(x, 10));
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || se > 59) {
    throw builtinFail(`parsing time ${JSON.stringify(s)}: ${mo < 1 || mo > 12 ? "month" : d < 1 || d > daysIn(y, mo) ? "day" : h > 23 ? "hour" : mi > 59 ? "minute" : "second"} out of range`);
  }
  let ns = BigInt(Date.UTC(y, mo - 1, d, h, mi, se)) * 1000000n;
  if (y < 100) ns = BigInt(new Date(Date.UTC(2000, mo - 1, d, h, mi, se)).setUTCFullYear(y)) * 1000000n;
  if (m[7]) ns += BigInt(m[7].padEnd(9, "0"));
  if (m[8] !== "Z") {
    const off = (parseInt(m[10], 10) * 60 + parseInt(m[11], 10)) * 60;
    ns -= BigInt(m[9] === "-" ? -off : off) * 1000000000n;
  }
  if (ns < -9223372036854775808n || ns > 9223372036854775807n) throw builtinFail("time outside of valid range");
  return Number(ns);
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.parse_duration_ns: Go's time.ParseDuration. */
export function parseDuration(v: unknown): number {
  const orig = str(v, 1);
  const invalid = () => builtinFail(`time: invalid duration ${goQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s[0] === "-" || s[0] === "+") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") throw invalid();
  let total = 0;
  while (s !== "") {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === "" || m[0] === ".") throw invalid();
    s = s.slice(m[0].length);
    const u = /^[^0-9.]+/.exec(s);
    if (!u) throw builtinFail(`time: missing unit in duration ${goQuote(orig)}`);
    const unit = DURATION_UNITS[u[0]];
    if (unit === undefined) throw builtinFail(`time: unknown unit ${goQuote(u[0])} in duration ${goQuote(orig)}`);
    s = s.slice(u[0].length);
    total += parseFloat(`${m[1] || "0"}.${m[2] || "0"}`) * unit;
  }
  if (total > 9223372036854775807) throw invalid();
  return Math.round(neg ? -total : total);
}

function addDate(t: unknown, y: unknown, m: unknown, d: unknown): number {
  const zt = tzTime(t, 1);
  const dy = int(y, 2);
  const dm = int(m, 3);
  const dd = int(d, 4);
  const c = civil(zt);
  const before = Date.UTC(c.y, c.mo - 1, c.d, c.h, c.mi, c.s);
  const after = new Date(before);
  after.setUTCFullYear(c.y + dy, c.mo - 1 + dm, c.d + dd);
  const ns = zt.ns + BigInt(after.getTime() - before) * 1000000n;
  if (ns < -9223372036854775808n || ns > 9223372036854775807n) throw builtinFail("time outside of valid range");
  return Number(ns);
}

// ---------------------------------------------------------------- time.format, time.parse_ns

const NS_MIN = -9223372036854775808n;
const NS_MAX = 9223372036854775807n;

/** The zone's abbreviation from Intl: "EST", "CET"; "GMT+9" where Go's tzdata has "JST". */
function zoneAbbreviation(zone: string, ms: number): string {
  const name = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" }).formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? "";
  const us = name("en-US"); // EST, PDT...
  if (!/^(GMT|UTC)[+-]/.test(us)) return us;
  const gb = name("en-GB"); // CET, BST...
  return /^(GMT|UTC)[+-]/.test(gb) ? us : gb;
}

function moment(t: ZonedTime): Moment {
  const c = civil(t);
  let nanos = Number(t.ns % 1000000000n);
  if (nanos < 0) nanos += 1e9;
  const secMs = Number((t.ns - BigInt(nanos)) / 1000000n);
  const local = new Date(Date.UTC(2000, c.mo - 1, c.d, c.h, c.mi, c.s));
  local.setUTCFullYear(c.y);
  const offset = t.zone ? Math.round((local.getTime() - secMs) / 1000) : 0;
  const jan1 = new Date(Date.UTC(2000, 0, 1));
  jan1.setUTCFullYear(c.y);
  const startOfDay = new Date(Date.UTC(2000, c.mo - 1, c.d));
  startOfDay.setUTCFullYear(c.y);
  return {
    year: c.y, month: c.mo, day: c.d, hour: c.h, minute: c.mi, second: c.s, nanos,
    weekday: startOfDay.getUTCDay(),
    yearDay: Math.round((startOfDay.getTime() - jan1.getTime()) / 86400000) + 1,
    offset,
    zoneName: t.zone ? zoneAbbreviation(t.zone, secMs) : "UTC",
  };
}

/** time.format: the RFC3339Nano text of a time, or in the [ns, tz, layout] form's layout. */
function timeFormat(v: unknown): string {
  const t = tzTime(v, 1);
  const layout = !t.layout ? NAMED_LAYOUTS.RFC3339Nano : (NAMED_LAYOUTS[t.layout] ?? t.layout);
  return formatLayout(moment(t), layout);
}

/** time.parse_ns: Go's time.Parse with a layout (or a layout's name) to nanoseconds. */
function timeParseNs(l: unknown, v: unknown): number {
  const layoutIn = str(l, 1);
  const value = str(v, 2);
  const layout = NAMED_LAYOUTS[layoutIn] ?? layoutIn;
  let p;
  try {
    p = parseLayout(layout, value);
  } catch (e) {
    if (e instanceof LayoutError) throw builtinFail(e.message);
    throw e;
  }
  const d = new Date(Date.UTC(2000, p.month - 1, p.day, p.hour, p.minute, p.second));
  d.setUTCFullYear(p.year);
  const ns = (BigInt(d.getTime()) / 1000n - BigInt(p.offset)) * 1000000000n + BigInt(p.nanos);
  if (ns < NS_MIN || ns > NS_MAX) throw builtinFail("time outside of valid range");
  return Number(ns);
}

/**
 * time.now_ns: one value for a whole evaluation, as OPA reads the clock once per query. An
 * evaluation runs synchronously, so the value is kept until the current task ends (a microtask
 * clears it).
 */
let nowCached: number | undefined;
function nowNs(): number {
  if (nowCached === undefined) {
    nowCached = Date.now() * 1e6;
    queueMicrotask(() => { nowCached = undefined; });
  }
  return nowCached;
}

export const timeBuiltins: Record<string, Impl> = {
  "time.format": timeFormat,
  "time.parse_ns": timeParseNs,
  "time.diff": timeDiff,
  "time.now_ns": nowNs,
  "time.parse_rfc3339_ns": parseRFC3339,
  "time.parse_duration_ns": parseDuration,
  "time.date": (t) => {
    const c = civil(tzTime(t, 1));
    return [c.y, c.mo, c.d];
  },
  "time.clock": (t) => {
    const c = civil(tzTime(t, 1));
    return [c.h, c.mi, c.s];
  },
  "time.weekday": (t) => weekday(tzTime(t, 1)),
  "time.add_date": addDate,
};
