/**
 * The slice of wikiparser's AST that the reader needs. Both wikiparser-node (on Node) and
 * wikiparser-template (in the browser) produce trees of this shape, so everything above this
 * file works with either parser.
 */
export interface SyntaxNode {
  readonly type: string;
  readonly childNodes: readonly SyntaxNode[];
  toString(): string;
}

interface TemplateNode extends SyntaxNode {
  readonly type: 'template';
  readonly modifier?: string;
}

interface ParameterNode extends SyntaxNode {
  readonly type: 'parameter';
  readonly name: string;
  readonly anon: boolean;
}

/** Turns wikitext into a tree, parsing no deeper than templates. */
export type WikitextParser = (wikitext: string) => SyntaxNode;

/** One `|name=value` (or `|value`) of a template, located in the page's source. */
export interface ParamSyntax {
  /** Trimmed, comments removed: the name MediaWiki uses. `1`, `2`… for positional parameters. */
  readonly name: string;
  readonly positional: boolean;
  /** Offset just after the `|` that opens this parameter. */
  readonly start: number;
  /** Offset of the `|` or `}}` that closes it. */
  readonly end: number;
  /** The value's source, whitespace included, spans [valueStart, end). */
  readonly valueStart: number;
  /** Source text of the name, whitespace included (empty for positional parameters). */
  readonly rawName: string;
  readonly rawValue: string;
  /** The value as MediaWiki passes it to the template: comments removed, trimmed unless positional. */
  readonly value: string;
}

export interface TemplateSyntax {
  /** Offset of the opening `{{`. */
  readonly start: number;
  /** Offset just after the closing `}}`. */
  readonly end: number;
  /** Offset just after the name, where the first `|` (or the closing `}}`) stands. */
  readonly nameEnd: number;
  readonly rawName: string;
  readonly params: readonly ParamSyntax[];
}

const EXPANDING_MODIFIERS = new Set(['', 'msg:', 'safesubst:']);

/**
 * Every template MediaWiki would expand, in page order, with offsets into the source. Children
 * are located by searching the parent's text from the end of the previous child: parsers add
 * separators (`{{`, `|`, `<ref>`) that are not child nodes, and no separator can contain the
 * child that follows it.
 */
export function findTemplates(root: SyntaxNode): TemplateSyntax[] {
  const found: TemplateSyntax[] = [];
  visit(root, String(root), 0, found);
  return found.sort((a, b) => a.start - b.start);
}

function visit(node: SyntaxNode, text: string, offset: number, found: TemplateSyntax[]): void {
  if (node.type === 'comment' || !text.includes('{{')) return;
  if (node.type === 'template' && EXPANDING_MODIFIERS.has(((node as TemplateNode).modifier ?? '').toLowerCase().trim())) {
    found.push(templateSyntax(node as TemplateNode, text, offset));
  }
  let cursor = 0;
  for (const child of node.childNodes) {
    const childText = String(child);
    const at = text.indexOf(childText, cursor);
    if (at < 0) throw new Error(`wikitext tree does not match its source near offset ${offset + cursor}`);
    visit(child, childText, offset + at, found);
    cursor = at + childText.length;
  }
}

function templateSyntax(node: TemplateNode, text: string, offset: number): TemplateSyntax {
  const [nameNode, ...paramNodes] = node.childNodes;
  const rawName = String(nameNode ?? '');
  // `{{`, a modifier such as `safesubst:` (not part of the name node), the name; then each
  // parameter after a `|`.
  const nameAt = text.indexOf(rawName, 2);
  if (nameAt < 0) throw new Error(`template name does not match its source near offset ${offset}`);
  let cursor = nameAt + rawName.length;
  const nameEnd = offset + cursor;
  const params: ParamSyntax[] = [];
  for (const child of paramNodes) {
    if (child.type !== 'parameter') continue;
    const param = child as ParameterNode;
    const paramText = String(param);
    // Exactly one `|` separates a template's name and parameters (an empty parameter is still one).
    const at = cursor + 1;
    if (text[cursor] !== '|' || !text.startsWith(paramText, at)) {
      throw new Error(`template parameter does not match its source near offset ${offset + cursor}`);
    }
    params.push(paramSyntax(param, paramText, offset + at));
    cursor = at + paramText.length;
  }
  return {start: offset, end: offset + text.length, nameEnd, rawName, params};
}

function paramSyntax(param: ParameterNode, paramText: string, start: number): ParamSyntax {
  const [keyNode, valueNode] = param.childNodes;
  const rawName = param.anon ? '' : String(keyNode ?? '');
  const valueOffset = param.anon ? 0 : rawName.length + 1;
  const rawValue = paramText.slice(valueOffset);
  const withoutComments = (valueNode?.childNodes ?? [])
    .filter((c) => c.type !== 'comment')
    .map(String)
    .join('');
  return {
    name: param.anon ? param.name : stripComments(rawName).trim(),
    positional: param.anon,
    start,
    end: start + paramText.length,
    valueStart: start + valueOffset,
    rawName,
    rawValue,
    value: param.anon ? withoutComments : withoutComments.trim(),
  };
}

export function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
}
