import { deniedReference, deniedTarget } from './denied-target';

describe('target of a denied attempt', () => {
  it('is the id a root field names', () => {
    expect(deniedTarget({ parentType: 'Query', fieldName: 'park', returnType: 'Park', args: { id: 'p-1' } })).toEqual({ targetType: 'Park', targetId: 'p-1' });
    expect(deniedTarget({ parentType: 'Mutation', fieldName: 'countyReview', returnType: 'Application', args: { applicationId: 'a-1', expectedVersion: 3 } })).toEqual({ targetType: 'Application', targetId: 'a-1' });
    expect(deniedTarget({ parentType: 'Mutation', fieldName: 'registerPark', returnType: 'Park', args: { input: { countyCode: '140403' } } })).toEqual({ targetType: 'Mutation.registerPark', targetId: '*' });
    expect(deniedTarget({ parentType: 'Mutation', fieldName: 'fileObjection', returnType: 'ObjectionReceipt', args: { input: { publicityId: 'pub-1' } } })).toEqual({ targetType: 'Publicity', targetId: 'pub-1' });
  });

  it('is the object a nested field was read from', () => {
    expect(deniedTarget({ parentType: 'Park', fieldName: 'fundingAwards', returnType: 'FundingAward', args: {}, parentId: 'p-2' })).toEqual({ targetType: 'Park', targetId: 'p-2' });
  });

  it('is the list itself when nothing narrower is known', () => {
    expect(deniedTarget({ parentType: 'Query', fieldName: 'objections', returnType: 'ObjectionConnection', args: { first: 10 } })).toEqual({ targetType: 'Query.objections', targetId: '*' });
  });

  it('is the representation of a refused _entities item', () => {
    expect(deniedReference({ __typename: 'Park', id: 'p-3' })).toEqual({ targetType: 'Park', targetId: 'p-3' });
    expect(deniedReference({ __typename: 'Score', assessmentId: 'a', code: 'E1' })).toEqual({ targetType: 'Score', targetId: '{"assessmentId":"a","code":"E1"}' });
    expect(deniedReference(undefined)).toEqual({ targetType: '_entities', targetId: '*' });
  });
});
