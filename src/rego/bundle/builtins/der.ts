// A small DER (ASN.1) reader for the x509 builtins: enough of X.509 certificates, certificate
// requests and their extensions to give the fields Go's crypto/x509 gives (x509.ts).

import { builtinFail } from "./common.js";

export interface Der {
  /** the identifier octet: class, constructed bit and tag number (tags below 31 only) */
  tag: number;
  /** offset of the identifier octet, of the content, and just past the end */
  start: number;
  body: number;
  end: number;
  buf: Buffer;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8: 0x0c,
  PRINTABLE: 0x13,
  T61: 0x14,
  IA5: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL: 0x1c,
  BMP: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag [n], constructed or primitive. */
export const ctx = (n: number, constructed: boolean) => (constructed ? 0xa0 : 0x80) | n;

const malformed = (what: string) => builtinFail(`x509: malformed ${what}`);

/** Reads the element at `pos`. */
export function read(buf: Buffer, pos: number, what = "certificate"): Der {
  if (pos + 2 > buf.length) throw malformed(what);
  const tag = buf[pos];
  if ((tag & 0x1f) === 0x1f) throw malformed(what);
  let len = buf[pos + 1];
  let body = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || body + n > buf.length) throw malformed(what);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[body + i];
    body += n;
  }
  const end = body + len;
  if (end > buf.length) throw malformed(what);
  return { tag, start: pos, body, end, buf };
}

export function children(d: Der, what?: string): Der[] {
  const out: Der[] = [];
  for (let p = d.body; p < d.end; ) {
    const c = read(d.buf, p, what);
    if (c.end > d.end) throw malformed(what ?? "certificate");
    out.push(c);
    p = c.end;
  }
  return out;
}

export const content = (d: Der) => d.buf.subarray(d.body, d.end);
export const raw = (d: Der) => d.buf.subarray(d.start, d.end);

export function expect(d: Der | undefined, tag: number, what: string): Der {
  if (!d || d.tag !== tag) throw malformed(what);
  return d;
}

export function oid(d: Der): number[] {
  const b = content(d);
  if (b.length === 0) throw malformed("OID");
  const out: number[] = [];
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    v = v * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      if (out.length === 0) {
        const first = v < 40 ? 0 : v < 80 ? 1 : 2;
        out.push(first, v - first * 40);
      } else out.push(v);
      v = 0;
    }
  }
  return out;
}

export const oidText = (o: number[]) => o.join(".");

/** An INTEGER as a bigint (two's complement). */
export function integer(d: Der): bigint {
  const b = content(d);
  if (b.length === 0) return 0n;
  let v = BigInt("0x" + b.toString("hex"));
  if (b[0] & 0x80) v -= 1n << BigInt(b.length * 8);
  return v;
}

export function bool(d: Der): boolean {
  return content(d)[0] !== 0;
}

/** A BIT STRING's bytes (unused bits in the last byte are left as they are). */
export function bits(d: Der): Buffer {
  return content(d).subarray(1);
}

/** The text of a string element (UTF8, Printable, IA5, T61 as Latin-1, BMP as UTF-16BE). */
export function text(d: Der): string {
  const b = content(d);
  switch (d.tag) {
    case TAG.BMP: {
      let s = "";
      for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b.readUInt16BE(i));
      return s;
    }
    case TAG.T61:
      return b.toString("latin1");
    case TAG.UNIVERSAL: {
      let s = "";
      for (let i = 0; i + 3 < b.length; i += 4) s += String.fromCodePoint(b.readUInt32BE(i));
      return s;
    }
  }
  return b.toString("utf8");
}

/** UTCTime / GeneralizedTime as Go marshals a time.Time (RFC 3339, UTC). */
export function time(d: Der): string {
  const s = content(d).toString("latin1");
  const m = d.tag === TAG.UTC_TIME ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(s) : /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(s);
  if (!m) throw malformed("validity");
  let year = Number(m[1]);
  if (d.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  return `${String(year).padStart(4, "0")}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}
