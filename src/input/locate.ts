/**
 * Line numbers of resources in the input text, for reports that point into the file (SARIF
 * regions, editor links). One linear pass over the text, no second parse.
 *
 * - cdk.tf.json: the line of the `"<name>": {` key under `resource.<type>` / `data.<type>`;
 * - plan: the line of the first `"address": "<address>"` (planned_values, then resource_changes).
 */
export function locateResources(text: string, format: "cdktf" | "plan"): Map<string, number> {
  return format === "plan" ? locatePlan(text) : locateCdktf(text);
}

/**
 * Plans can be tens of megabytes: find `"address"` keys with indexOf and count line breaks
 * between them, all native string searches. (`"address"` cannot occur inside a JSON string,
 * where quotes are escaped.)
 */
export function locatePlan(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const KEY = '"address"';
  let line = 1;
  let nl = text.indexOf("\n"); // the first line break not yet counted
  let at = text.indexOf(KEY);
  while (at !== -1) {
    let i = at + KEY.length;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 58 /* : */ && text.charCodeAt(at - 1) !== 92) {
      i++;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 34) {
        while (nl !== -1 && nl < at) {
          line++;
          nl = text.indexOf("\n", nl + 1);
        }
        let end = text.indexOf('"', i + 1);
        while (end !== -1 && text.charCodeAt(end - 1) === 92 && !evenBackslashes(text, end)) end = text.indexOf('"', end + 1);
        if (end === -1) break;
        let addr = text.slice(i + 1, end);
        if (addr.includes("\\")) {
          try {
            addr = JSON.parse(`"${addr}"`) as string;
          } catch {
            /* keep raw */
          }
        }
        if (!out.has(addr)) out.set(addr, line);
        at = text.indexOf(KEY, end + 1);
        continue;
      }
    }
    at = text.indexOf(KEY, at + KEY.length);
  }
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Is the quote at `q` preceded by an even number of backslashes (so not escaped)? */
function evenBackslashes(text: string, q: number): boolean {
  let k = q - 1;
  while (text.charCodeAt(k) === 92) k--;
  return (q - 1 - k) % 2 === 0;
}

/** cdk.tf.json: the line of each `resource.<type>.<name>` / `data.<type>.<name>` key. */
export function locateCdktf(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const n = text.length;
  let line = 1;
  let i = 0;
  // Per depth: the key of the current member (objects) or null (arrays).
  const keys: Array<string | null> = [];
  const isObj: boolean[] = [];

  /** Skips the string starting at text[i] === '"'; returns [start, end) of its raw content. */
  const skipString = (): number => {
    const start = i + 1;
    let j = text.indexOf('"', start);
    for (;;) {
      if (j === -1) {
        i = n;
        return start;
      }
      let k = j - 1;
      while (text.charCodeAt(k) === 92) k--;
      if ((j - 1 - k) % 2 === 0) break; // an even number of backslashes: the quote is not escaped
      j = text.indexOf('"', j + 1);
    }
    i = j + 1;
    return start;
  };
  const value = (start: number): string => {
    const raw = text.slice(start, i - 1);
    if (!raw.includes("\\")) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
    } else if (c === 34) {
      // JSON strings hold no raw line breaks, so the line does not change inside one.
      const depth = keys.length;
      const inObject = depth > 0 && isObj[depth - 1]!;
      const start = skipString();
      if (inObject && depth <= 3 && expectKey(text, i)) {
        const key = value(start);
        keys[depth - 1] = key;
        if (depth === 3 && (keys[0] === "resource" || keys[0] === "data")) {
          const addr = `${keys[0] === "data" ? "data." : ""}${keys[1]}.${key}`;
          if (!out.has(addr)) out.set(addr, line);
        }
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      keys.push(null);
      isObj.push(c === 123);
      i++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      keys.pop();
      isObj.pop();
      i++;
    } else {
      i++;
    }
  }
  return out;
}

/** After a string at position i: is the next non-space character a colon (so it was a key)? */
function expectKey(text: string, i: number): boolean {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) return true;
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return false;
}
