import { DateTimeScalar } from './scalars';
import { mergeEventHandlers, mergeResolverMaps } from './subgraph-module';

describe('subgraph modules', () => {
  it('merges resolver maps type by type', () => {
    const a = () => 1;
    const b = () => 2;
    expect(mergeResolverMaps({ Query: { a }, DateTime: DateTimeScalar }, { Query: { b } })).toEqual({ Query: { a, b }, DateTime: DateTimeScalar });
  });

  it('refuses a field resolved by two modules', () => {
    expect(() => mergeResolverMaps({ Query: { a: () => 1 } }, { Query: { a: () => 2 } })).toThrow(/Query.a defined twice/);
  });

  it('refuses an event handled by two modules', () => {
    const handler = async () => undefined;
    expect(() => mergeEventHandlers({ 'registry.park-profile-changed': handler }, { 'registry.park-profile-changed': handler })).toThrow(/handled twice/);
  });
});
