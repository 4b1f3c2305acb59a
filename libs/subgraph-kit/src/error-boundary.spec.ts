import { BadUserInputError, ConflictError } from '@cz/errors';
import { GraphQLError } from 'graphql';
import type { Logger } from '@cz/logging';
import { formatError, httpErrorHandler, INTERNAL_ERROR_MESSAGE } from './error-boundary';

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

  it('tells a body whose variables are not an object in Chinese, naming them', () => {
    const formatted = formatError({ message: '`variables` in a POST body must be an object if provided.', extensions: { code: 'BAD_REQUEST' } }, new GraphQLError('`variables` in a POST body must be an object if provided.'));
    expect(formatted).toEqual({ message: '请求体中的 variables 必须是 JSON 对象', extensions: { code: 'BAD_REQUEST', field: 'variables' } });
  });
});

describe('HTTP boundary', () => {
  const logger = { error: jest.fn() } as unknown as Logger;
  const answer = () => {
    const res = { headersSent: false, status: jest.fn(), json: jest.fn() };
    res.status.mockReturnValue(res);
    return res;
  };

  it('answers an oversized body with a GraphQL-shaped 413 in Chinese, not an HTML stack trace', () => {
    const res = answer();
    httpErrorHandler(logger)(Object.assign(new Error('request entity too large'), { status: 413 }), { path: '/graphql' } as never, res as never, jest.fn());
    expect(res.status).toHaveBeenCalledWith(413);
    expect(res.json).toHaveBeenCalledWith({ errors: [{ message: '请求内容过大', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('masks and logs anything else', () => {
    const res = answer();
    httpErrorHandler(logger)(new Error('ECONNREFUSED 10.0.0.5:5432'), { path: '/files/x' } as never, res as never, jest.fn());
    expect(res.status).toHaveBeenCalledWith(500);
    expect(JSON.stringify(res.json.mock.calls)).not.toMatch(/10\.0\.0\.5/);
    expect(logger.error).toHaveBeenCalled();
  });
});
