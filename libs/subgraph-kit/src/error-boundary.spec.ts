import { BadUserInputError, ConflictError } from '@cz/errors';
import { GraphQLError } from 'graphql';
import { formatError, INTERNAL_ERROR_MESSAGE } from './error-boundary';

const wrapped = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['field'] });

describe('error boundary', () => {
  it('turns a domain error into its code and the field at fault', () => {
    const error = new BadUserInputError('sites[1].buildingAreaM2', '建筑面积必须大于 0');
    expect(formatError({ message: error.message }, wrapped(error))).toEqual({ message: '建筑面积必须大于 0', path: undefined, locations: undefined, extensions: { code: 'BAD_USER_INPUT', field: 'sites[1].buildingAreaM2' } });
  });

  it('never lets a detail overwrite the code', () => {
    const error = new ConflictError('已被他人修改', { code: 'CZ-2027' });
    expect(formatError({ message: error.message }, wrapped(error)).extensions?.code).toBe('CONFLICT');
  });

  it('masks anything else, whatever it says', () => {
    const leaked = new Error('duplicate key value violates unique constraint "park_pkey" at 10.0.0.5:5432');
    const formatted = formatError({ message: leaked.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, wrapped(leaked));
    expect(formatted).toMatchObject({ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(formatted)).not.toMatch(/park_pkey|10\.0\.0\.5|stacktrace/);
  });
});
