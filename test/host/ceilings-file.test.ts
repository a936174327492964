// The ceilings cache file is shared by checkouts of several versions: writing this version's
// entry must keep the entries of the others.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileStore, readCacheFile } from '../../src/host/ceilings-file.js';
import { CEILINGS_CACHE_FAMILY, CEILINGS_CACHE_PREFIX } from '../../src/profiler/ceilings/cache.js';

describe('ceilings cache file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ceilings-file-'));
  const path = join(dir, 'ceilings.json');
  afterEach(() => rmSync(path, { force: true }));

  it("keeps other versions' entries, drops foreign keys, and writes this version's beside them", () => {
    const older = `${CEILINGS_CACHE_FAMILY}v2:google/swiftshader:1234`;
    writeFileSync(path, JSON.stringify({ [older]: '{"version":2}', 'someone-else:key': 'x', [`${CEILINGS_CACHE_FAMILY}v9:n`]: 5 }));
    expect(Object.keys(readCacheFile(path))).toEqual([older]);
    const key = `${CEILINGS_CACHE_PREFIX}google/swiftshader:abcd`;
    fileStore(path).setItem(key, '{"version":3}');
    const onDisk = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    expect(onDisk).toEqual({ [older]: '{"version":2}', [key]: '{"version":3}' });
    expect(fileStore(path).getItem(key)).toBe('{"version":3}');
  });
});
