/** A strict-enough XML well-formedness check for generated SVG: tag nesting, attribute syntax, entities. */

const NAME = '[A-Za-z_][\\w.:-]*';
const ATTRIBUTE = new RegExp(`^\\s+${NAME}="[^"<]*"`);
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function checkText(text: string, where: string): void {
  if (text.includes('<') || text.includes('>')) throw new Error(`raw angle bracket in ${where}: ${text.slice(0, 40)}`);
  if (text.replace(ENTITY, '').includes('&')) throw new Error(`bare & in ${where}: ${text.slice(0, 40)}`);
}

export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  let roots = 0;
  let position = 0;
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"]*")*)\s*(\/?)>/g;
  for (let match = tag.exec(xml); match; match = tag.exec(xml)) {
    const between = xml.slice(position, match.index);
    checkText(between, stack.length ? `<${stack[stack.length - 1]}>` : 'prolog');
    if (!stack.length && between.trim()) throw new Error(`text outside the root element: ${between.trim().slice(0, 40)}`);
    position = tag.lastIndex;
    const [, closing, name, attributes, selfClosing] = match;
    let rest = attributes;
    const seen = new Set<string>();
    while (rest.trim()) {
      const attribute = ATTRIBUTE.exec(rest);
      if (!attribute) throw new Error(`bad attribute syntax in <${name}>: ${rest.slice(0, 40)}`);
      const attributeName = attribute[0].trim().split('=')[0];
      if (seen.has(attributeName)) throw new Error(`duplicate attribute ${attributeName} in <${name}>`);
      seen.add(attributeName);
      checkText(attribute[0].slice(attribute[0].indexOf('"') + 1, -1), `attribute ${attributeName}`);
      rest = rest.slice(attribute[0].length);
    }
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClosing) {
      if (!stack.length) roots += 1;
      stack.push(name);
    } else if (!stack.length) {
      roots += 1;
    }
  }
  if (xml.slice(position).trim()) throw new Error(`unparsed trailing text: ${xml.slice(position).trim().slice(0, 40)}`);
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]}>`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
}
