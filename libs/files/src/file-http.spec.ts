import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '@cz/errors';
import { FileRefusal } from './file-content';
import { gatewayFilePath, httpStatusOf } from './file-http';
import { fileIdList, MAX_FILE_REFERENCES, storedFileDownloadPath } from './stored-files';

const ID = '0b6f1d2e-5a4c-4c1e-9a51-000000000001';

describe('file routes over HTTP', () => {
  it('answers each error with the status a file client expects', () => {
    expect(httpStatusOf(new FileRefusal(413, 'file', '太大'))).toBe(413);
    expect(httpStatusOf(new FileRefusal(415, 'contentType', '类型'))).toBe(415);
    expect(httpStatusOf(new BadUserInputError('item', '无效'))).toBe(400);
    expect(httpStatusOf(new ForbiddenError('无权'))).toBe(403);
    expect(httpStatusOf(new NotFoundError('不存在'))).toBe(404);
    expect(httpStatusOf(new ConflictError('冲突'))).toBe(409);
    expect(httpStatusOf(new Error('connection reset'))).toBe(500);
  });

  it('builds the paths the gateway serves files at', () => {
    expect(gatewayFilePath('applications', 'materials', ID)).toBe(`/files/applications/materials/${ID}`);
    expect(storedFileDownloadPath({ schema: 'funding', ownerKind: 'FUNDING_EVIDENCE', service: 'funding', path: 'evidence' }, ID)).toBe(`/files/funding/evidence/${ID}`);
    // A segment can never climb out of its service.
    expect(gatewayFilePath('funding', '../applications')).toBe('/files/funding/..%2Fapplications');
  });
});

describe('the file ids a record cites', () => {
  const failure = (ids: string[]) => {
    try {
      fileIdList('evidenceFileIds', ids, '证明材料');
      return null;
    } catch (error) {
      const refused = error as BadUserInputError;
      return { field: refused.field, message: refused.message, details: refused.details };
    }
  };

  it('keeps a list of distinct ids in order', () => {
    expect(fileIdList('evidenceFileIds', ['b', 'a'], '证明材料')).toEqual(['b', 'a']);
  });

  it('refuses an empty list, repeats and too many, on the field', () => {
    expect(failure([])).toMatchObject({ field: 'evidenceFileIds', message: '至少需要附一个证明材料文件' });
    expect(failure(['a', 'b', 'a', 'a'])).toMatchObject({ field: 'evidenceFileIds', message: '证明材料文件不能重复引用', details: { repeatedFileIds: ['a'] } });
    expect(failure(Array.from({ length: MAX_FILE_REFERENCES + 1 }, (_, index) => `id-${index}`))).toMatchObject({ field: 'evidenceFileIds', details: { max: MAX_FILE_REFERENCES } });
    expect(failure(Array.from({ length: MAX_FILE_REFERENCES }, (_, index) => `id-${index}`))).toBeNull();
  });
});
