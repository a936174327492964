// The processes of a run, read from /proc (Linux): a watch samples the descendants of a root
// process while it runs, so a test can check afterwards that none of them outlived it.
import { readdirSync, readFileSync } from 'node:fs';

export interface Proc {
  pid: number;
  ppid: number;
  /** Clock ticks since boot at which it started: with the pid, it names one process even if the pid is reused. */
  start: string;
  state: string;
  cmd: string;
}

function read(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces or parentheses itself.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid: Number(f[1]), start: f[19], state: f[0], cmd };
  } catch {
    return null;
  }
}

export function processes(): Proc[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => read(Number(d)))
    .filter((p): p is Proc => p !== null);
}

export function descendants(root: number, all = processes()): Proc[] {
  const out: Proc[] = [];
  const parents = new Set([root]);
  // Parents come before children in no particular order: repeat until nothing is added.
  for (let added = true; added; ) {
    added = false;
    for (const p of all)
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        out.push(p);
        added = true;
      }
  }
  return out;
}

/** Still running (a zombie has ended; it only waits for its parent to read its status). */
export function alive(p: Proc): boolean {
  const now = read(p.pid);
  return now !== null && now.start === p.start && now.state !== 'Z';
}

/** Every process seen under `root` (itself included) while the watch ran. */
export class ProcessWatch {
  readonly seen = new Map<string, Proc>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly root: number, intervalMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    const all = processes();
    for (const p of [...all.filter((q) => q.pid === this.root), ...descendants(this.root, all)]) {
      const key = `${p.pid}:${p.start}`;
      // The latest command line (a child seen between fork and exec still shows its parent's),
      // but not the empty one of a process that has ended (a zombie).
      if (p.cmd || !this.seen.has(key)) this.seen.set(key, p);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The processes seen that still run. */
  survivors(): Proc[] {
    return [...this.seen.values()].filter(alive);
  }

  matching(re: RegExp): Proc[] {
    return [...this.seen.values()].filter((p) => re.test(p.cmd));
  }
}
