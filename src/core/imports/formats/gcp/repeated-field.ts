/**
 * BigQuery REPEATED fields (labels, project.labels, credits) have no CSV form of their own:
 * flatteners write them as JSON (`[{"key": "team", "value": "ml"}]`) or as Python repr with single
 * quotes (`[{'key': 'team', 'value': 'ml'}]`, koku; formats.md §4.5). This reads both. Numbers
 * are kept as their text so credit amounts stay exact.
 */

export type NumberText = { readonly number: string };
export type Literal = null | boolean | string | NumberText | Literal[] | ReadonlyMap<string, Literal>;

const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const WORDS: ReadonlyMap<string, Literal> = new Map<string, Literal>([
  ['None', null],
  ['null', null],
  ['True', true],
  ['true', true],
  ['False', false],
  ['false', false],
]);
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };

class Malformed extends Error {}

class LiteralParser {
  private i = 0;

  constructor(private readonly s: string) {}

  whole(): Literal {
    const v = this.value();
    this.space();
    if (this.i !== this.s.length) throw new Malformed();
    return v;
  }

  private space(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  private value(): Literal {
    this.space();
    const ch = this.s[this.i];
    if (ch === '[') return this.list();
    if (ch === '{') return this.dict();
    if (ch === '"' || ch === "'") return this.string(ch);
    NUMBER.lastIndex = this.i;
    const n = NUMBER.exec(this.s);
    if (n !== null) {
      this.i += n[0].length;
      return { number: n[0] };
    }
    const word = /^[A-Za-z]+/.exec(this.s.slice(this.i))?.[0] ?? '';
    if (!WORDS.has(word)) throw new Malformed();
    this.i += word.length;
    return WORDS.get(word) ?? null;
  }

  private list(): Literal[] {
    const out: Literal[] = [];
    this.i++;
    for (;;) {
      this.space();
      if (this.s[this.i] === ']') break;
      out.push(this.value());
      this.space();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') throw new Malformed();
    }
    this.i++;
    return out;
  }

  private dict(): ReadonlyMap<string, Literal> {
    const out = new Map<string, Literal>();
    this.i++;
    for (;;) {
      this.space();
      if (this.s[this.i] === '}') break;
      const q = this.s[this.i];
      if (q !== '"' && q !== "'") throw new Malformed();
      const key = this.string(q);
      this.space();
      if (this.s[this.i++] !== ':') throw new Malformed();
      out.set(key, this.value());
      this.space();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') throw new Malformed();
    }
    this.i++;
    return out;
  }

  private string(quote: string): string {
    let out = '';
    this.i++;
    while (this.i < this.s.length) {
      const ch = this.s[this.i++];
      if (ch === quote) return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const e = this.s[this.i++] ?? '';
      if (e === 'u' || e === 'x') {
        const len = e === 'u' ? 4 : 2;
        const hex = this.s.slice(this.i, this.i + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Malformed();
        out += String.fromCharCode(parseInt(hex, 16));
        this.i += len;
      } else out += ESCAPES[e] ?? e;
    }
    throw new Malformed();
  }
}

/** The list a repeated-field cell holds, or undefined when the text is neither JSON nor Python repr of one. */
export function parseRepeated(text: string): Literal[] | undefined {
  try {
    const v = new LiteralParser(text).whole();
    return Array.isArray(v) ? v : undefined;
  } catch (e) {
    if (e instanceof Malformed) return undefined;
    throw e;
  }
}

export function isRecord(v: Literal): v is ReadonlyMap<string, Literal> {
  return v instanceof Map;
}

export function isNumberText(v: Literal | undefined): v is NumberText {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map);
}
