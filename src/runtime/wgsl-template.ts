// The one WGSL templating scheme: `#if NAME` / `#if !NAME` / `#else` / `#endif` lines keep or
// drop blocks by the truthiness of defs[NAME], and `$NAME` is replaced by defs[NAME] (numbers,
// booleans as true/false, or WGSL text such as generated unrolled loops). The output depends
// only on `defs`, so a program whose defs derive from its pipeline key alone has one text per key.

export type Defs = Record<string, number | boolean | string>;

export function specialize(src: string, defs: Defs): string {
  const out: string[] = [];
  const stack: boolean[] = [];
  const live = () => stack.every(Boolean);
  src.split('\n').forEach((line, i) => {
    const m = /^\s*#(if|else|endif)\s*(!?)(\w*)\s*$/.exec(line);
    if (!m) {
      if (live()) out.push(line.replace(/\$(\w+)/g, (_, n: string) => valueOf(defs, n, i + 1)));
      return;
    }
    if (m[1] === 'if') {
      if (!(m[3] in defs)) throw new Error(`WGSL template line ${i + 1}: #if ${m[3]} names no specialization`);
      stack.push(m[2] === '!' ? !defs[m[3]] : Boolean(defs[m[3]]));
    } else if (!stack.length) throw new Error(`WGSL template line ${i + 1}: #${m[1]} without #if`);
    else if (m[1] === 'else') stack.push(!stack.pop());
    else stack.pop();
  });
  if (stack.length) throw new Error('unbalanced #if in WGSL template');
  return out.join('\n');
}

function valueOf(defs: Defs, name: string, line: number): string {
  const v = defs[name];
  if (v === undefined) throw new Error(`WGSL template line ${line}: '$${name}' has no value`);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `${v}`;
}
