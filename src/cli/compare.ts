// `npm run compare -- A B [--out DIR]`: two results documents (files, or the folders bench runs
// wrote) side by side per configuration, layer and node; prints the comparison and writes
// compare.json and compare.html. Exit status: 0 compared (whatever changed); 1 a file could
// not be read or is not a results document; 2 bad usage.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareResults } from '../compare/compare.js';
import { compareHtml } from '../report/compare-html.js';
import { comparisonText } from '../report/compare-text.js';
import { nodeDocument } from './dom.js';
import { readResultsFile, type ResultsFile } from './results-file.js';

const USAGE = `usage: npm run compare -- A B [--out DIR]

  A, B       results.json files, or the folders bench runs wrote them to; B is compared with A
             (ratios are B/A). Configurations pair by input shapes, mode and form; layers and
             nodes by name, so runs on other hosts, devices, commits or models sharing layer
             names compare too. A time change is beyond noise when the p10-p90 intervals of the
             two runs do not overlap; bytes are exact, so any difference is a change.
  --out DIR  where to write compare.json and compare.html (default results/compare-<timestamp>/)
  --json     print compare.json to stdout instead of the text
  -h, --help this text`;

const stamp = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (e) {
    process.stderr.write(`compare: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 2) {
    process.stderr.write(`compare: give two results files, A and B (got ${parsed.positionals.length})\n\n${USAGE}\n`);
    return 2;
  }
  let files: ResultsFile[];
  try {
    files = parsed.positionals.map(readResultsFile);
  } catch (e) {
    process.stderr.write(`compare: ${(e as Error).message}\n`);
    return 1;
  }
  const now = new Date();
  const [a, b] = files;
  const cmp = compareResults(a.results, b.results, { a: a.path, b: b.path }, now);
  const out = resolve(parsed.values.out ?? `results/compare-${stamp(now)}`);
  mkdirSync(out, { recursive: true });
  const json = JSON.stringify(cmp, null, 2);
  const written = [join(out, 'compare.json'), join(out, 'compare.html')];
  writeFileSync(written[0], json);
  writeFileSync(written[1], compareHtml(cmp, { document: nodeDocument() }));
  if (parsed.values.json) process.stdout.write(`${json}\n`);
  else process.stdout.write(`${comparisonText(cmp)}\n\nwrote ${written.join(', ')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
