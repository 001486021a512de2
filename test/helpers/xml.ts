/**
 * A small XML 1.0 well-formedness check (no DTDs, no namespaces resolved): one root element, tags nested and closed
 * in order, attributes quoted and unique, every `&` an entity or a character reference, no `<` in text or attribute
 * values, only characters XML allows. Returns the problems found (empty: well formed) and the parsed elements, so a
 * test can look at them. Enough for the SVG badge; not a general parser.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  /** Text directly inside the element, entities decoded. */
  text: string;
  children: XmlElement[];
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*$/;
const BAD_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string, where: string, errors: string[]): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '<') errors.push(`raw "<" in ${where}`);
    if (c !== '&') {
      out += c;
      continue;
    }
    ENTITY.lastIndex = i;
    const m = ENTITY.exec(s);
    if (!m) {
      errors.push(`bare "&" in ${where}: ${JSON.stringify(s.slice(i, i + 12))}`);
      out += c;
      continue;
    }
    out += m[1] ? NAMED[m[1]] : String.fromCodePoint(parseInt(m[2] ?? m[3], m[2] ? 10 : 16));
    i += m[0].length - 1;
  }
  return out;
}

export function parseXml(xml: string): { errors: string[]; root: XmlElement | null } {
  const errors: string[] = [];
  if (BAD_CHAR.test(xml)) errors.push('a character XML does not allow');
  const body = xml.replace(/^\uFEFF?(?:<\?xml[^?]*\?>)?\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const tag = /<(\/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt === -1 ? body.length : lt);
    if (text.trim() !== '') {
      if (!stack.length) errors.push(`text outside the root element: ${JSON.stringify(text.slice(0, 20))}`);
      else stack[stack.length - 1].text += decode(text, 'text', errors);
    } else if (stack.length) stack[stack.length - 1].text += text;
    if (lt === -1) break;
    if (body.startsWith('<!--', lt)) {
      const end = body.indexOf('-->', lt + 4);
      if (end === -1) {
        errors.push('unclosed comment');
        break;
      }
      i = end + 3;
      continue;
    }
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (!m) {
      errors.push(`malformed tag at ${lt}: ${JSON.stringify(body.slice(lt, lt + 30))}`);
      break;
    }
    const [, closing, name, attrText, selfClosing] = m;
    if (!NAME.test(name)) errors.push(`bad element name ${JSON.stringify(name)}`);
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) errors.push(`</${name}> closes ${open ? `<${open.name}>` : 'nothing'}`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (!NAME.test(a[1])) errors.push(`bad attribute name ${JSON.stringify(a[1])}`);
        if (a[1] in attrs) errors.push(`attribute ${a[1]} twice on <${name}>`);
        attrs[a[1]] = decode(a[2] ?? a[3], `attribute ${a[1]}`, errors);
      }
      const el: XmlElement = { name, attrs, text: '', children: [] };
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) errors.push(`a second root element <${name}>`);
      else root = el;
      if (!selfClosing) stack.push(el);
    }
    i = tag.lastIndex;
  }
  if (stack.length) errors.push(`unclosed <${stack.map((e) => e.name).join('>, <')}>`);
  if (!root) errors.push('no root element');
  return { errors, root };
}

/** Every element below `el` (itself included), depth first. */
export function elements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(elements)];
}
