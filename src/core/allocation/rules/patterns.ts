/** Regular expressions of rules: compiled once, Unicode mode, and capture templates. */

/** Compiles a rule's pattern, or returns the engine's reason it is not valid. */
export function compilePattern(pattern: string, caseSensitive: boolean): RegExp | { error: string } {
  try {
    // No g or y flag: test() and exec() then ignore lastIndex, so one object serves every row.
    return new RegExp(pattern, caseSensitive ? 'u' : 'iu');
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** How many groups a pattern has, and their names. */
export function patternGroups(re: RegExp): { count: number; names: Set<string> } {
  // An empty alternative makes the pattern match "", so exec() shows every group (unset).
  const m = new RegExp(`${re.source}|`, re.flags).exec('');
  return { count: m === null ? 0 : m.length - 1, names: new Set(Object.keys(m?.groups ?? {})) };
}

/** A template as text pieces and group references (number or name). */
export type TemplatePart = string | number | { name: string };

/**
 * Reads `$1`, `$12` (when the pattern has 12 groups, else `$1` then "2"), `$<name>` and `$$`, as
 * String.prototype.replace does. Any other `$` is literal. Problems name references to groups the
 * pattern does not have.
 */
export function parseTemplate(template: string, groups: { count: number; names: Set<string> }): { parts: TemplatePart[]; problems: string[] } {
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text !== '') parts.push(text);
    text = '';
  };
  while (i < template.length) {
    const ch = template[i];
    const next = template[i + 1];
    if (ch !== '$' || next === undefined) {
      text += ch;
      i++;
    } else if (next === '$') {
      text += '$';
      i += 2;
    } else if (next >= '0' && next <= '9') {
      const two = template.slice(i + 1, i + 3);
      let ref = Number(next);
      let len = 2;
      if (/^\d\d$/.test(two) && Number(two) >= 1 && Number(two) <= groups.count) {
        ref = Number(two);
        len = 3;
      }
      if (ref < 1 || ref > groups.count) problems.push(`the template refers to $${ref}, but the pattern has ${groupCount(groups.count)}`);
      flush();
      parts.push(ref);
      i += len;
    } else if (next === '<') {
      const end = template.indexOf('>', i + 2);
      if (end < 0) {
        text += ch;
        i++;
        continue;
      }
      const name = template.slice(i + 2, end);
      if (!groups.names.has(name)) problems.push(`the template refers to $<${name}>, but the pattern has no group named “${name}”`);
      flush();
      parts.push({ name });
      i = end + 1;
    } else {
      text += ch;
      i++;
    }
  }
  flush();
  return { parts, problems };
}

function groupCount(n: number): string {
  return n === 0 ? 'no groups' : n === 1 ? '1 group' : `${n} groups`;
}

/** The template's text for one match; a group that took no part gives "". */
export function expandTemplate(parts: readonly TemplatePart[], m: RegExpExecArray): string {
  if (parts.length === 1) return partText(parts[0], m);
  let out = '';
  for (let i = 0; i < parts.length; i++) out += partText(parts[i], m);
  return out;
}

function partText(part: TemplatePart, m: RegExpExecArray): string {
  if (typeof part === 'string') return part;
  if (typeof part === 'number') return m[part] ?? '';
  return m.groups?.[part.name] ?? '';
}
