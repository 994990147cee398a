// ProductSection property qualifiers (DSP0243 9.5.1 Table 7): MinLen, MaxLen, ValueMap, MinValue, MaxValue.
// VMware's own qualifiers (Ip, Ip("net"), expressions) are not OVF and are left alone.

export type Qualifier =
  | { kind: 'MinLen' | 'MaxLen' | 'MinValue' | 'MaxValue'; n: number }
  | { kind: 'ValueMap'; values: string[] };

const NUMERIC = /^(MinLen|MaxLen|MinValue|MaxValue)\(\s*(-?\d+)\s*\)$/;
const KNOWN = /^(MinLen|MaxLen|MinValue|MaxValue|ValueMap)\b/;

/** Splits on commas that are not inside quotes, parentheses or braces. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of list) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '(' || ch === '{')) depth++;
    else if (!quoted && (ch === ')' || ch === '}')) depth--;
    if (ch === ',' && depth === 0 && !quoted) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  parts.push(current.trim());
  return parts.filter((p) => p !== '');
}

export function parseQualifiers(list: string): { qualifiers: Qualifier[]; errors: string[] } {
  const qualifiers: Qualifier[] = [];
  const errors: string[] = [];
  for (const token of splitTopLevel(list)) {
    if (!KNOWN.test(token)) continue;
    const num = NUMERIC.exec(token);
    if (num) {
      qualifiers.push({ kind: num[1] as 'MinLen', n: Number(num[2]) });
      continue;
    }
    const map = /^ValueMap\s*\{(.*)\}$/.exec(token);
    const values = map ? splitTopLevel(map[1] as string).map((v) => /^"(.*)"$/.exec(v)?.[1]) : [];
    if (map && values.every((v) => v !== undefined)) qualifiers.push({ kind: 'ValueMap', values: values as string[] });
    else errors.push(`malformed qualifier ${token}`);
  }
  return { qualifiers, errors };
}

/** Why `value` violates the qualifiers, or undefined when it satisfies them. */
export function violation(value: string, qualifiers: Qualifier[]): string | undefined {
  for (const q of qualifiers) {
    switch (q.kind) {
      case 'MinLen':
        if (value.length < q.n) return `is shorter than MinLen(${q.n})`;
        break;
      case 'MaxLen':
        if (value.length > q.n) return `is longer than MaxLen(${q.n})`;
        break;
      case 'MinValue':
        if (Number(value) < q.n) return `is below MinValue(${q.n})`;
        break;
      case 'MaxValue':
        if (Number(value) > q.n) return `is above MaxValue(${q.n})`;
        break;
      case 'ValueMap':
        if (!q.values.includes(value)) return `is not in ValueMap{${q.values.map((v) => `"${v}"`).join(',')}}`;
        break;
    }
  }
  return undefined;
}
