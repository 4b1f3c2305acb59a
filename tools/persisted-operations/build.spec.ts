import { builtManifest, checkedInManifest, findOperationsFiles } from './build';

describe('persisted operations manifest', () => {
  it('is built from the frontends’ operations files, and the checked-in file is current', () => {
    expect(findOperationsFiles().every((file) => file.name.startsWith('apps/') && file.name.endsWith('.operations.graphql'))).toBe(true);
    // A stale file means an enforcing gateway would refuse an operation a frontend now sends.
    expect(checkedInManifest()).toBe(builtManifest());
  });
});
