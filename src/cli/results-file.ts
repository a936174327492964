// Reads a results.json given as a file or as the folder a bench run wrote (results/<stamp>/),
// with messages that name the file and say what to give instead.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseResults, ResultsDocumentError } from '../results/read.js';
import type { Results } from '../results/types.js';

export { ResultsDocumentError };

export interface ResultsFile {
  /** The file read (a folder's results.json). */
  path: string;
  results: Results;
}

function resolvePath(given: string): string {
  if (!existsSync(given)) throw new ResultsDocumentError(`${given}: no such file or folder; give a results.json, or the folder a bench run wrote it to (results/<timestamp>/)`);
  if (!statSync(given).isDirectory()) return given;
  const inside = join(given, 'results.json');
  if (!existsSync(inside)) throw new ResultsDocumentError(`${given} is a folder without a results.json; give the folder a bench run wrote (npm run bench -- --out DIR), or the file itself`);
  return inside;
}

export function readResultsFile(given: string): ResultsFile {
  const path = resolvePath(given);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ResultsDocumentError(`${path}: cannot read it (${(e as Error).message})`);
  }
  return { path, results: parseResults(text, path) };
}
