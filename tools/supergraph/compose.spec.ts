import { composeSupergraph, checkedInSupergraph } from './compose';

describe('supergraph composition', () => {
  it('composes the four subgraphs without errors, and the checked-in file is current', () => {
    const composed = composeSupergraph();
    expect(composed).toContain('join__graph');
    // A stale file means the gateway would serve a schema the subgraphs no longer implement.
    expect(checkedInSupergraph()).toBe(composed);
  });
});
