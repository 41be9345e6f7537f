/**
 * A small, strict XML 1.0 parser for tests: throws on anything not well-formed (unbalanced or
 * mismatched tags, raw `<` or bad `&` in text or attributes, duplicate attributes, characters XML
 * forbids, text outside the root) and returns a tree with decoded text.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text content (entities decoded, CDATA included) directly inside the element. */
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const INVALID = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

function decode(s: string, where: string): string {
  if (s.includes("<")) throw new Error(`raw < in ${where}: ${s}`);
  if (INVALID.test(s)) throw new Error(`character not allowed in XML in ${where}`);
  return s.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(";")) throw new Error(`bare & in ${where}: ${s}`);
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (body in named) return named[body]!;
    if (/^#x[0-9a-fA-F]+$/.test(body)) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (/^#[0-9]+$/.test(body)) return String.fromCodePoint(parseInt(body.slice(1), 10));
    throw new Error(`unknown entity &${body}; in ${where}`);
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  if (xml.startsWith("<?xml")) {
    i = xml.indexOf("?>") + 2;
    if (i < 2) throw new Error("unterminated XML declaration");
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (stack.length) stack[stack.length - 1]!.text += decode(text, "text");
    else if (text.trim()) throw new Error(`text outside the root element: ${text.trim().slice(0, 40)}`);
    if (lt === -1) break;
    i = lt;
    if (xml.startsWith("<![CDATA[", i)) {
      const end = xml.indexOf("]]>", i);
      if (end === -1) throw new Error("unterminated CDATA");
      if (!stack.length) throw new Error("CDATA outside the root");
      const content = xml.slice(i + 9, end);
      if (INVALID.test(content)) throw new Error("character not allowed in CDATA");
      stack[stack.length - 1]!.text += content;
      i = end + 3;
    } else if (xml.startsWith("<!--", i)) {
      const end = xml.indexOf("-->", i);
      if (end === -1) throw new Error("unterminated comment");
      i = end + 3;
    } else if (xml.startsWith("</", i)) {
      const end = xml.indexOf(">", i);
      const name = xml.slice(i + 2, end).trim();
      const top = stack.pop();
      if (!top || top.name !== name) throw new Error(`mismatched </${name}> (open: ${top?.name})`);
      i = end + 1;
    } else {
      i++;
      const m = NAME.exec(xml.slice(i));
      if (!m) throw new Error(`bad tag name at ${i}`);
      const el: XmlElement = { name: m[0], attrs: {}, children: [], text: "" };
      i += m[0].length;
      for (;;) {
        while (/\s/.test(xml[i] ?? "")) i++;
        if (xml.startsWith("/>", i)) {
          i += 2;
          attach(el, false);
          break;
        }
        if (xml[i] === ">") {
          i++;
          attach(el, true);
          break;
        }
        const am = NAME.exec(xml.slice(i));
        if (!am) throw new Error(`bad attribute in <${el.name}> at ${i}: ${xml.slice(i, i + 20)}`);
        i += am[0].length;
        while (/\s/.test(xml[i] ?? "")) i++;
        if (xml[i] !== "=") throw new Error(`attribute ${am[0]} without value`);
        i++;
        while (/\s/.test(xml[i] ?? "")) i++;
        const q = xml[i];
        if (q !== '"' && q !== "'") throw new Error(`unquoted attribute ${am[0]}`);
        const end = xml.indexOf(q, i + 1);
        if (end === -1) throw new Error(`unterminated attribute ${am[0]}`);
        if (am[0] in el.attrs) throw new Error(`duplicate attribute ${am[0]}`);
        el.attrs[am[0]] = decode(xml.slice(i + 1, end), `attribute ${am[0]}`);
        i = end + 1;
      }
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error("no root element");
  return root;

  function attach(el: XmlElement, open: boolean) {
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else if (root) throw new Error("more than one root element");
    else root = el;
    if (open) stack.push(el);
  }
}

/** All descendants (depth first) named `name`. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
