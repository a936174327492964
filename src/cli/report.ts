// `npm run report -- results.json [--out DIR]`: renders report.html, layers.csv and trace.json
// from a results document, with the renderers the bench page uses, on any machine with the
// project (e.g. for results written where no browser runs). Exit status: 0 written; 1 the
// file could not be read or is not a results document; 2 bad usage.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { summaryText } from '../report/summary.js';
import { renderedFiles } from './dom.js';
import { readResultsFile } from './results-file.js';

const USAGE = `usage: npm run report -- RESULTS [--out DIR]

  RESULTS    a results.json, or the folder a bench run wrote it to
  --out DIR  where to write report.html, layers.csv and trace.json (default: beside RESULTS)
  -h, --help this text`;


function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (e) {
    process.stderr.write(`report: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`report: give one results file (got ${parsed.positionals.length})\n\n${USAGE}\n`);
    return 2;
  }
  let file;
  try {
    file = readResultsFile(parsed.positionals[0]);
  } catch (e) {
    process.stderr.write(`report: ${(e as Error).message}\n`);
    return 1;
  }
  const out = resolve(parsed.values.out ?? dirname(file.path));
  mkdirSync(out, { recursive: true });
  const written = renderedFiles(file.results).map(([name, text]) => {
    const path = join(out, name);
    writeFileSync(path, text);
    return path;
  });
  process.stdout.write(`${summaryText(file.results)}\n\nwrote ${written.join(', ')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
