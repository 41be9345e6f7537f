// Go's time layouts ("2006-01-02T15:04:05Z07:00"): formatting and parsing, for time.format and
// time.parse_ns. The layout elements and the parser's rules follow Go's time/format.go.

import { goQuote } from "./common.js";

/** The layout names OPA accepts in place of a layout. */
export const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: "Mon Jan _2 15:04:05 2006",
  UnixDate: "Mon Jan _2 15:04:05 MST 2006",
  RubyDate: "Mon Jan 02 15:04:05 -0700 2006",
  RFC822: "02 Jan 06 15:04 MST",
  RFC822Z: "02 Jan 06 15:04 -0700",
  RFC850: "Monday, 02-Jan-06 15:04:05 MST",
  RFC1123: "Mon, 02 Jan 2006 15:04:05 MST",
  RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700",
  RFC3339: "2006-01-02T15:04:05Z07:00",
  RFC3339Nano: "2006-01-02T15:04:05.999999999Z07:00",
};

const LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type Std =
  | "LongMonth" | "Month" | "NumMonth" | "ZeroMonth" | "LongWeekDay" | "WeekDay" | "Day" | "UnderDay" | "ZeroDay"
  | "UnderYearDay" | "ZeroYearDay" | "Hour" | "Hour12" | "ZeroHour12" | "Minute" | "ZeroMinute" | "Second" | "ZeroSecond"
  | "LongYear" | "Year" | "PM" | "pm" | "TZ" | "ISO8601TZ" | "ISO8601SecondsTZ" | "ISO8601ShortTZ" | "ISO8601ColonTZ"
  | "ISO8601ColonSecondsTZ" | "NumTZ" | "NumSecondsTz" | "NumShortTZ" | "NumColonTZ" | "NumColonSecondsTZ" | "Frac0" | "Frac9";

interface Chunk {
  prefix: string;
  std?: Std;
  text: string; // the element's text in the layout
  digits?: number; // fractional seconds
  sep?: string; // fractional seconds separator
}

const isLower = (c: string | undefined) => c !== undefined && c >= "a" && c <= "z";
const isDigitAt = (s: string, i: number) => i < s.length && s[i] >= "0" && s[i] <= "9";

/** Go's nextStdChunk: the literal text before the next layout element, and the element. */
function nextChunk(layout: string): { chunk: Chunk; rest: string } {
  const at = (i: number, n: number, std: Std) => ({ chunk: { prefix: layout.slice(0, i), std, text: layout.slice(i, i + n) }, rest: layout.slice(i + n) });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const s = layout.slice(i);
    switch (c) {
      case "J":
        if (s.startsWith("Jan")) {
          if (s.startsWith("January")) return at(i, 7, "LongMonth");
          if (!isLower(s[3])) return at(i, 3, "Month");
        }
        break;
      case "M":
        if (s.startsWith("Mon")) {
          if (s.startsWith("Monday")) return at(i, 6, "LongWeekDay");
          if (!isLower(s[3])) return at(i, 3, "WeekDay");
        }
        if (s.startsWith("MST")) return at(i, 3, "TZ");
        break;
      case "0":
        if (s.length >= 2 && s[1] >= "1" && s[1] <= "6") return at(i, 2, (["ZeroMonth", "ZeroDay", "ZeroHour12", "ZeroMinute", "ZeroSecond", "Year"] as Std[])[s.charCodeAt(1) - 49]);
        if (s.startsWith("002")) return at(i, 3, "ZeroYearDay");
        break;
      case "1":
        if (s[1] === "5") return at(i, 2, "Hour");
        return at(i, 1, "NumMonth");
      case "2":
        if (s.startsWith("2006")) return at(i, 4, "LongYear");
        return at(i, 1, "Day");
      case "_":
        if (s[1] === "2") {
          if (s.startsWith("_2006")) return { chunk: { prefix: layout.slice(0, i + 1), std: "LongYear", text: "2006" }, rest: layout.slice(i + 5) };
          return at(i, 2, "UnderDay");
        }
        if (s.startsWith("__2")) return at(i, 3, "UnderYearDay");
        break;
      case "3":
        return at(i, 1, "Hour12");
      case "4":
        return at(i, 1, "Minute");
      case "5":
        return at(i, 1, "Second");
      case "P":
        if (s[1] === "M") return at(i, 2, "PM");
        break;
      case "p":
        if (s[1] === "m") return at(i, 2, "pm");
        break;
      case "-":
        if (s.startsWith("-070000")) return at(i, 7, "NumSecondsTz");
        if (s.startsWith("-07:00:00")) return at(i, 9, "NumColonSecondsTZ");
        if (s.startsWith("-0700")) return at(i, 5, "NumTZ");
        if (s.startsWith("-07:00")) return at(i, 6, "NumColonTZ");
        if (s.startsWith("-07")) return at(i, 3, "NumShortTZ");
        break;
      case "Z":
        if (s.startsWith("Z070000")) return at(i, 7, "ISO8601SecondsTZ");
        if (s.startsWith("Z07:00:00")) return at(i, 9, "ISO8601ColonSecondsTZ");
        if (s.startsWith("Z0700")) return at(i, 5, "ISO8601TZ");
        if (s.startsWith("Z07:00")) return at(i, 6, "ISO8601ColonTZ");
        if (s.startsWith("Z07")) return at(i, 3, "ISO8601ShortTZ");
        break;
      case ".":
      case ",":
        if (s[1] === "0" || s[1] === "9") {
          let j = 1;
          while (j < s.length && s[j] === s[1]) j++;
          if (!isDigitAt(s, j)) {
            return { chunk: { prefix: layout.slice(0, i), std: s[1] === "0" ? "Frac0" : "Frac9", text: s.slice(0, j), digits: j - 1, sep: c }, rest: s.slice(j) };
          }
        }
        break;
    }
  }
  return { chunk: { prefix: layout, text: "" }, rest: "" };
}

/** A moment as Go's time.Time shows it: civil fields in a zone and the zone's offset and name. */
export interface Moment {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  weekday: number; // 0 = Sunday
  yearDay: number; // 1..366
  offset: number; // seconds east of UTC
  zoneName: string;
}

const pad = (n: number, w: number) => (n < 0 ? "-" + String(-n).padStart(w, "0") : String(n).padStart(w, "0"));

/** Go's Time.Format. */
export function formatLayout(t: Moment, layout: string): string {
  let out = "";
  let rest = layout;
  while (rest !== "") {
    const { chunk, rest: next } = nextChunk(rest);
    out += chunk.prefix;
    rest = next;
    if (!chunk.std) break;
    const hr12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
    switch (chunk.std) {
      case "Year": out += pad(((t.year % 100) + 100) % 100, 2); break;
      case "LongYear": out += pad(t.year, 4); break;
      case "Month": out += LONG_MONTHS[t.month - 1].slice(0, 3); break;
      case "LongMonth": out += LONG_MONTHS[t.month - 1]; break;
      case "NumMonth": out += String(t.month); break;
      case "ZeroMonth": out += pad(t.month, 2); break;
      case "WeekDay": out += LONG_DAYS[t.weekday].slice(0, 3); break;
      case "LongWeekDay": out += LONG_DAYS[t.weekday]; break;
      case "Day": out += String(t.day); break;
      case "UnderDay": out += (t.day < 10 ? " " : "") + String(t.day); break;
      case "ZeroDay": out += pad(t.day, 2); break;
      case "UnderYearDay": out += String(t.yearDay).padStart(3, " "); break;
      case "ZeroYearDay": out += pad(t.yearDay, 3); break;
      case "Hour": out += pad(t.hour, 2); break;
      case "Hour12": out += String(hr12); break;
      case "ZeroHour12": out += pad(hr12, 2); break;
      case "Minute": out += String(t.minute); break;
      case "ZeroMinute": out += pad(t.minute, 2); break;
      case "Second": out += String(t.second); break;
      case "ZeroSecond": out += pad(t.second, 2); break;
      case "PM": out += t.hour >= 12 ? "PM" : "AM"; break;
      case "pm": out += t.hour >= 12 ? "pm" : "am"; break;
      case "ISO8601TZ": case "ISO8601ColonTZ": case "ISO8601SecondsTZ": case "ISO8601ShortTZ": case "ISO8601ColonSecondsTZ":
      case "NumTZ": case "NumColonTZ": case "NumSecondsTz": case "NumShortTZ": case "NumColonSecondsTZ": {
        const std = chunk.std;
        if (std.startsWith("ISO8601") && t.offset === 0) {
          out += "Z";
          break;
        }
        let zone = Math.trunc(t.offset / 60);
        let abs = t.offset;
        if (zone < 0) {
          out += "-";
          zone = -zone;
          abs = -abs;
        } else out += "+";
        out += pad(Math.trunc(zone / 60), 2);
        const colon = std.includes("Colon");
        if (colon) out += ":";
        if (!std.includes("Short")) out += pad(zone % 60, 2);
        if (std.includes("Seconds")) {
          if (colon) out += ":";
          out += pad(abs % 60, 2);
        }
        break;
      }
      case "TZ": {
        if (t.zoneName) {
          out += t.zoneName;
          break;
        }
        let zone = Math.trunc(t.offset / 60);
        if (zone < 0) {
          out += "-";
          zone = -zone;
        } else out += "+";
        out += pad(Math.trunc(zone / 60), 2) + pad(zone % 60, 2);
        break;
      }
      case "Frac0":
      case "Frac9": {
        let digits = String(t.nanos).padStart(9, "0").slice(0, chunk.digits);
        if (chunk.std === "Frac9") {
          digits = digits.replace(/0+$/, "");
          if (digits === "") break;
        }
        out += chunk.sep + digits;
        break;
      }
    }
  }
  return out;
}

/** A parse failure, with Go's message. */
export class LayoutError {
  constructor(readonly message: string) {}
}

export interface Parsed {
  /** Civil fields; the zone offset in seconds (undefined: UTC). */
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  offset: number;
}

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(2000, m, 0)).getUTCDate() - (m === 2 && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 1 : 0);

/** Go's time.Parse (zone abbreviations other than UTC/GMT are taken as offset 0, as Go does outside their zone). */
export function parseLayout(layout: string, value: string): Parsed {
  const alayout = layout;
  const avalue = value;
  const cannot = (valueElem: string, layoutElem: string): never => {
    throw new LayoutError(`parsing time ${goQuote(avalue)} as ${goQuote(alayout)}: cannot parse ${goQuote(valueElem)} as ${goQuote(layoutElem)}`);
  };
  const outOfRange = (what: string): never => {
    throw new LayoutError(`parsing time ${goQuote(avalue)}: ${what} out of range`);
  };
  let year = 0, month = -1, day = -1, yday = -1, hour = 0, minute = 0, second = 0, nanos = 0;
  let offset: number | undefined;
  let pmSet = false, amSet = false;
  const getnum = (fixed: boolean): number => {
    if (!isDigitAt(value, 0)) throw "bad";
    if (!isDigitAt(value, 1)) {
      if (fixed) throw "bad";
      const n = value.charCodeAt(0) - 48;
      value = value.slice(1);
      return n;
    }
    const n = parseInt(value.slice(0, 2), 10);
    value = value.slice(2);
    return n;
  };
  const lookup = (names: string[]): number => {
    for (let i = 0; i < names.length; i++) {
      if (value.length >= names[i].length && value.slice(0, names[i].length).toLowerCase() === names[i].toLowerCase()) {
        value = value.slice(names[i].length);
        return i;
      }
    }
    throw "bad";
  };
  const fraction = (n: number): number => {
    // value[0] is the separator; n characters in all
    const digits = value.slice(1, n);
    if (!/^\d+$/.test(digits)) throw "bad";
    const ns = parseInt(digits.slice(0, 9).padEnd(9, "0"), 10);
    value = value.slice(n);
    return ns;
  };
  let rest = layout;
  while (true) {
    const { chunk, rest: next } = nextChunk(rest);
    const stdstr = chunk.text;
    if (!value.startsWith(chunk.prefix)) cannot(value, chunk.prefix);
    value = value.slice(chunk.prefix.length);
    if (!chunk.std) {
      if (value.length > 0) throw new LayoutError(`parsing time ${goQuote(avalue)}: extra text: ${goQuote(value)}`);
      break;
    }
    rest = next;
    const hold = value;
    try {
      switch (chunk.std) {
        case "Year": {
          if (value.length < 2 || !/^\d\d/.test(value)) throw "bad";
          const y = parseInt(value.slice(0, 2), 10);
          value = value.slice(2);
          year = y >= 69 ? y + 1900 : y + 2000;
          break;
        }
        case "LongYear":
          if (value.length < 4 || !/^\d{4}/.test(value)) throw "bad";
          year = parseInt(value.slice(0, 4), 10);
          value = value.slice(4);
          break;
        case "Month": month = lookup(LONG_MONTHS.map((m) => m.slice(0, 3))) + 1; break;
        case "LongMonth": month = lookup(LONG_MONTHS) + 1; break;
        case "NumMonth":
        case "ZeroMonth":
          month = getnum(chunk.std === "ZeroMonth");
          if (month <= 0 || month > 12) outOfRange("month");
          break;
        case "WeekDay": lookup(LONG_DAYS.map((d) => d.slice(0, 3))); break;
        case "LongWeekDay": lookup(LONG_DAYS); break;
        case "Day":
        case "UnderDay":
        case "ZeroDay":
          if (chunk.std === "UnderDay" && value[0] === " ") value = value.slice(1);
          day = getnum(chunk.std === "ZeroDay");
          break;
        case "UnderYearDay":
        case "ZeroYearDay": {
          for (let i = 0; i < 2 && chunk.std === "UnderYearDay" && value[0] === " "; i++) value = value.slice(1);
          const m = /^\d{1,3}/.exec(value);
          if (!m || (chunk.std === "ZeroYearDay" && m[0].length !== 3)) throw "bad";
          yday = parseInt(m[0], 10);
          value = value.slice(m[0].length);
          if (yday < 1 || yday > 366) outOfRange("day-of-year");
          break;
        }
        case "Hour":
          hour = getnum(false);
          if (hour < 0 || hour >= 24) outOfRange("hour");
          break;
        case "Hour12":
        case "ZeroHour12":
          hour = getnum(chunk.std === "ZeroHour12");
          if (hour < 0 || hour > 12) outOfRange("hour");
          break;
        case "Minute":
        case "ZeroMinute":
          minute = getnum(chunk.std === "ZeroMinute");
          if (minute < 0 || minute >= 60) outOfRange("minute");
          break;
        case "Second":
        case "ZeroSecond": {
          second = getnum(chunk.std === "ZeroSecond");
          if (second < 0 || second >= 60) outOfRange("second");
          // fractional seconds the layout does not show are accepted after the seconds
          if (value.length >= 2 && (value[0] === "." || value[0] === ",") && isDigitAt(value, 1)) {
            const nextStd = nextChunk(rest).chunk.std;
            if (nextStd === "Frac0" || nextStd === "Frac9") break;
            let n = 2;
            while (isDigitAt(value, n)) n++;
            nanos = fraction(n);
          }
          break;
        }
        case "PM":
          if (value.startsWith("PM")) pmSet = true;
          else if (value.startsWith("AM")) amSet = true;
          else throw "bad";
          value = value.slice(2);
          break;
        case "pm":
          if (value.startsWith("pm")) pmSet = true;
          else if (value.startsWith("am")) amSet = true;
          else throw "bad";
          value = value.slice(2);
          break;
        case "ISO8601TZ": case "ISO8601ColonTZ": case "ISO8601SecondsTZ": case "ISO8601ShortTZ": case "ISO8601ColonSecondsTZ":
        case "NumTZ": case "NumColonTZ": case "NumSecondsTz": case "NumShortTZ": case "NumColonSecondsTZ": {
          const std = chunk.std;
          if (std.startsWith("ISO8601") && value[0] === "Z") {
            value = value.slice(1);
            offset = 0;
            break;
          }
          const colon = std.includes("Colon");
          const re = std.includes("Short") ? /^([+-])(\d\d)/ : std.includes("Seconds") ? (colon ? /^([+-])(\d\d):(\d\d):(\d\d)/ : /^([+-])(\d\d)(\d\d)(\d\d)/) : colon ? /^([+-])(\d\d):(\d\d)/ : /^([+-])(\d\d)(\d\d)/;
          const m = re.exec(value);
          if (!m) throw "bad";
          const hh = parseInt(m[2], 10);
          const mm = m[3] ? parseInt(m[3], 10) : 0;
          const ss = m[4] ? parseInt(m[4], 10) : 0;
          if (hh > 24 || mm > 60 || ss > 60) outOfRange("time zone offset"); // Go: "time zone offset" range errors
          offset = (hh * 3600 + mm * 60 + ss) * (m[1] === "-" ? -1 : 1);
          value = value.slice(m[0].length);
          break;
        }
        case "TZ": {
          if (value.startsWith("UTC")) {
            value = value.slice(3);
            offset = 0;
            break;
          }
          const m = /^(GMT(?:[+-]\d{1,2})?|[A-Z]{3,5}T?)/.exec(value) ?? /^[A-Z]{3}/.exec(value);
          if (!m) throw "bad";
          const g = /^GMT([+-]\d{1,2})$/.exec(m[0]);
          offset = g ? parseInt(g[1], 10) * 3600 : 0;
          value = value.slice(m[0].length);
          break;
        }
        case "Frac0": {
          const n = 1 + chunk.digits!;
          if (value.length < n || (value[0] !== "." && value[0] !== ",")) throw "bad";
          nanos = fraction(n);
          break;
        }
        case "Frac9": {
          if (value.length < 2 || (value[0] !== "." && value[0] !== ",") || !isDigitAt(value, 1)) break;
          let i = 0;
          while (i < 9 && isDigitAt(value, i + 1)) i++;
          nanos = fraction(1 + i);
          break;
        }
      }
    } catch (e) {
      if (e === "bad") cannot(hold, stdstr);
      throw e;
    }
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    let m = 0;
    let d = yday;
    if (d > (leap ? 366 : 365)) outOfRange("day-of-year");
    while (m < 12 && d > daysInMonth(year, m + 1)) d -= daysInMonth(year, ++m);
    if ((month >= 0 && month !== m + 1) || (day >= 0 && day !== d)) throw new LayoutError(`parsing time ${goQuote(avalue)}: day-of-year does not match ${month >= 0 && month !== m + 1 ? "month" : "day"}`);
    month = m + 1;
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysInMonth(year, month)) outOfRange("day");
  return { year, month, day, hour, minute, second, nanos, offset: offset ?? 0 };
}
