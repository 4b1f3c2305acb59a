import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

/**
 * The command line of a build-time artefact that is committed (the supergraph, the operation
 * allow-list): with `--check` it fails when the committed file differs from a fresh build, so
 * `npm run check` catches a forgotten rebuild; without, it writes the file.
 */
export function writeOrCheckCheckedInFile(options: { file: string; build: () => string; checkedIn: () => string; rebuildCommand: string; upToDate: string; wrote: (built: string) => string }): void {
  try {
    const built = options.build();
    if (process.argv.includes('--check')) {
      if (built !== options.checkedIn()) {
        console.error(`${relative(ROOT, options.file)} is stale: run \`${options.rebuildCommand}\` and commit the result`);
        process.exit(1);
      }
      console.log(options.upToDate);
    } else {
      writeFileSync(options.file, built);
      console.log(options.wrote(built));
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
