import { DEMO_PARKS, demoChildId } from './index';

describe('demo data ids', () => {
  it('gives every park, kind and index its own stable uuid', () => {
    const ids = DEMO_PARKS.flatMap((park) => [demoChildId(park.id, 1), demoChildId(park.id, 2), demoChildId(park.id, 3, 2024), demoChildId(park.id, 3, 2025)]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoChildId(DEMO_PARKS[0].id, 1)).toBe(demoChildId(DEMO_PARKS[0].id, 1));
  });
});
