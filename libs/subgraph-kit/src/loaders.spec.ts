import { perRequest } from './loaders';

describe('perRequest', () => {
  it('creates one value per request context and reuses it within the request', () => {
    let created = 0;
    const loaderOf = perRequest((_context: object) => ({ serial: ++created }));
    const requestA = {};
    const requestB = {};
    expect(loaderOf(requestA)).toBe(loaderOf(requestA));
    expect(loaderOf(requestB)).not.toBe(loaderOf(requestA));
    expect(created).toBe(2);
  });
});
