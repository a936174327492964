// Where a bench run writes its files. An --out folder is used as given; the default,
// results/<timestamp>, is claimed by creating it (an atomic step), so two runs started in the
// same second write results/<timestamp> and results/<timestamp>-2 instead of one folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Creates the first of base, base-2, base-3, ... that does not exist yet, and returns it. */
export function claimFolder(base: string): string {
  mkdirSync(dirname(base), { recursive: true });
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      mkdirSync(dir);
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** The run's output folder, decided on the first write (a run that writes nothing claims none). */
export class OutputFolder {
  private dir: string | null = null;

  constructor(
    private readonly given: string,
    private readonly isDefault: boolean,
  ) {}

  get path(): string {
    if (this.dir === null) {
      const base = resolve(this.given);
      if (this.isDefault) this.dir = claimFolder(base);
      else {
        mkdirSync(base, { recursive: true });
        this.dir = base;
      }
    }
    return this.dir;
  }

  /** Writes the files (synchronously: this also serves an exit that cannot wait) and returns their paths. */
  write(files: readonly (readonly [name: string, text: string])[]): string[] {
    const dir = this.path;
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
    return files.map(([name]) => join(dir, name));
  }
}
