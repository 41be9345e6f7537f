// uri.parse and uri.is_valid: Go's net/url.Parse (what OPA uses), its acceptance and its errors.
//   uri.parse("https://u@example.com:8080/a%20b?q=1#top")
//     → {"scheme": "https", "hostname": "example.com", "port": "8080", "path": "/a b",
//        "raw_path": "/a%20b", "raw_query": "q=1", "fragment": "top"}   (empty parts omitted)
// uri.is_valid is false for "" and for a non-string, else whether uri.parse would succeed.

import { builtinFail, goQuote, type Impl, str } from "./common.js";

class UrlError {
  constructor(readonly msg: string) {}
}

const isAlnum = (c: string) => /[A-Za-z0-9]/.test(c);
const HEX = /^[0-9A-Fa-f]{2}$/;

type Mode = "path" | "host" | "fragment" | "user";

/** Go's shouldEscape for the modes net/url.Parse uses. */
function shouldEscape(c: string, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  if (mode === "host" && "!$&'()*+,;=:[]<>\"".includes(c)) return false;
  if ("-_.~".includes(c)) return false;
  if ("$&+,/:;=?@".includes(c)) {
    if (mode === "path") return c === "?";
    if (mode === "user") return c === "@" || c === "/" || c === "?" || c === ":";
    if (mode === "fragment") return false;
  }
  if (mode === "fragment" && "!()*".includes(c)) return false;
  return true;
}

/** Go's unescape: %XX sequences decoded (as UTF-8 bytes); bad escapes and bad host characters rejected. */
function unescape(s: string, mode: Mode): string {
  const bytes: number[] = [];
  const raw = Buffer.from(s, "utf8");
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (b === 0x25) {
      const seq = raw.subarray(i, i + 3).toString("latin1");
      if (!HEX.test(seq.slice(1))) throw new UrlError(`invalid URL escape ${goQuote(seq)}`);
      if (mode === "host" && parseInt(seq[1], 16) < 8 && seq !== "%25") throw new UrlError(`invalid URL escape ${goQuote(seq)}`);
      bytes.push(parseInt(seq.slice(1), 16));
      i += 2;
      continue;
    }
    if (mode === "host" && b < 0x80 && shouldEscape(String.fromCharCode(b), "host")) throw new UrlError(`invalid character ${goQuote(String.fromCharCode(b))} in host name`);
    bytes.push(b);
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Go's escape (to decide RawPath): bytes that should be escaped become %XX. */
function escape(s: string, mode: Mode): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && !shouldEscape(c, mode) ? c : "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

const validOptionalPort = (p: string) => p === "" || /^:[0-9]*$/.test(p);

function parseHost(host: string): string {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${goQuote(colonPort)} after host`);
  } else {
    const i = host.lastIndexOf(":");
    if (i >= 0 && !validOptionalPort(host.slice(i))) throw new UrlError(`invalid port ${goQuote(host.slice(i))} after host`);
  }
  return unescape(host, "host");
}

interface GoURL {
  scheme: string;
  opaque: string;
  host: string;
  path: string;
  rawPath: string;
  rawQuery: string;
  fragment: string;
}

/** net/url.Parse; throws UrlError with Go's message (without the `parse "…": ` prefix). */
function goParse(rawURL: string): GoURL {
  const hash = rawURL.indexOf("#");
  let rest = hash < 0 ? rawURL : rawURL.slice(0, hash);
  const frag = hash < 0 ? "" : rawURL.slice(hash + 1);
  if (/[\x00-\x1f\x7f]/.test(rest)) throw new UrlError("net/url: invalid control character in URL");
  const u: GoURL = { scheme: "", opaque: "", host: "", path: "", rawPath: "", rawQuery: "", fragment: "" };
  if (rest === "*") u.path = "*";
  else {
    // the scheme: letters, then letters, digits, + - .; a colon first is an error
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
    if (rest.startsWith(":")) throw new UrlError("missing protocol scheme");
    if (m) {
      u.scheme = m[1].toLowerCase();
      rest = rest.slice(m[0].length);
    }
    if (rest.endsWith("?") && rest.split("?").length === 2) rest = rest.slice(0, -1);
    else {
      const q = rest.indexOf("?");
      if (q >= 0) {
        u.rawQuery = rest.slice(q + 1);
        rest = rest.slice(0, q);
      }
    }
    let done = false;
    if (!rest.startsWith("/")) {
      if (u.scheme !== "") {
        u.opaque = rest; // rootless paths are opaque
        done = true;
      } else if (rest.split("/")[0].includes(":")) throw new UrlError("first path segment in URL cannot contain colon");
    }
    if (!done) {
      if ((u.scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
        let authority = rest.slice(2);
        rest = "";
        const slash = authority.indexOf("/");
        if (slash >= 0) {
          rest = authority.slice(slash);
          authority = authority.slice(0, slash);
        }
        const at = authority.lastIndexOf("@");
        u.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
        if (at >= 0) {
          const userinfo = authority.slice(0, at);
          if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new UrlError("net/url: invalid userinfo");
          for (const part of userinfo.split(":", 2)) unescape(part, "user");
        }
      }
      u.path = unescape(rest, "path");
      u.rawPath = escape(u.path, "path") === rest ? "" : rest;
    }
  }
  if (frag !== "") u.fragment = unescape(frag, "fragment");
  return u;
}

function splitHostPort(host: string): [string, string] {
  let h = host;
  let port = "";
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && validOptionalPort(host.slice(colon))) {
    h = host.slice(0, colon);
    port = host.slice(colon + 1);
  }
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  return [h, port];
}

function uriParse(v: unknown): Record<string, string> {
  const s = str(v, 1);
  let u: GoURL;
  try {
    u = goParse(s);
  } catch (e) {
    if (e instanceof UrlError) throw builtinFail(`parse ${goQuote(s)}: ${e.msg}`);
    throw e;
  }
  const out: Record<string, string> = {};
  const [hostname, port] = splitHostPort(u.host);
  if (u.scheme) out.scheme = u.scheme;
  if (hostname) out.hostname = hostname;
  if (port) out.port = port;
  if (u.path) {
    out.path = u.path;
    out.raw_path = u.rawPath || u.path;
  }
  if (u.rawQuery) out.raw_query = u.rawQuery;
  if (u.fragment) out.fragment = u.fragment;
  return out;
}

function uriIsValid(v: unknown): boolean {
  if (typeof v !== "string" || v === "") return false;
  try {
    goParse(v);
    return true;
  } catch (e) {
    if (e instanceof UrlError) return false;
    throw e;
  }
}

export const uriBuiltins: Record<string, Impl> = {
  "uri.parse": uriParse,
  "uri.is_valid": uriIsValid,
};
