// `npm run analyze -- [options]`: the analytical working-set model for one configuration,
// as text tables or (--json) one JSON object following src/analysis/analysis.schema.json.
import { parseCliOptions, USAGE, UsageError } from '../analysis/cli-options.js';
import { analyze } from '../analysis/model.js';
import { renderText } from '../analysis/text.js';

function main(argv: string[]): number {
  let opts;
  try {
    opts = parseCliOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`analyze: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let result;
  try {
    result = analyze(opts.config);
  } catch (e) {
    // Configurations the option checks let through but the network rejects.
    process.stderr.write(`analyze: ${(e as Error).message}\n`);
    return 2;
  }
  process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : renderText(result));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
