import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildManifest, type OperationsFile, serializeManifest } from '@cz/persisted-operations';
import { writeOrCheckCheckedInFile } from '../checked-in-file';

const ROOT = join(__dirname, '..', '..');
/** The allow-list the gateway loads (see README, Security); committed, and checked by `npm run check`. */
export const MANIFEST_FILE = join(ROOT, 'apps', 'gateway', 'persisted-operations.json');
const OPERATIONS_SUFFIX = '.operations.graphql';
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'generated']);

/** Every `*.operations.graphql` under apps/, in a stable order: these are the frontends' operations. */
export function findOperationsFiles(directory = join(ROOT, 'apps')): OperationsFile[] {
  const files: OperationsFile[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) files.push(...findOperationsFiles(path));
    else if (entry.isFile() && entry.name.endsWith(OPERATIONS_SUFFIX)) files.push({ name: relative(ROOT, path), body: readFileSync(path, 'utf8') });
  }
  return files;
}

export function builtManifest(): string {
  return serializeManifest(buildManifest(findOperationsFiles()));
}

export function checkedInManifest(): string {
  return readFileSync(MANIFEST_FILE, 'utf8');
}

if (require.main === module) {
  writeOrCheckCheckedInFile({
    file: MANIFEST_FILE,
    build: builtManifest,
    checkedIn: checkedInManifest,
    rebuildCommand: 'npm run persisted-operations',
    upToDate: 'persisted operations are up to date',
    wrote: (built) => `wrote ${Object.keys(JSON.parse(built)).length} operations to ${relative(ROOT, MANIFEST_FILE)}`,
  });
}
