import { Readable } from 'node:stream';
import { acceptedContentType, attachmentDisposition, checkAnnouncedLength, checkSignature, decodeFileName, FileRefusal, MAX_FILE_BYTES, readLimitedBody, receiveFile, sha256Hex, uploadHeaders } from './file-content';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(30, 0x90)]);

/** The refusal's status, field and message, or what was returned instead. */
function refusal(action: () => unknown): [number, string, string] | 'accepted' {
  try {
    action();
    return 'accepted';
  } catch (error) {
    if (!(error instanceof FileRefusal)) throw error;
    return [error.status, error.field, error.message];
  }
}

async function refusalOf(promise: Promise<unknown>): Promise<[number, string, string] | 'accepted'> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (!(error instanceof FileRefusal)) throw error;
    return [error.status, error.field, error.message];
  }
}

/** A body arriving in chunks of `size` bytes. */
const body = (bytes: Buffer, size = 64 * 1024) => Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, index) => bytes.subarray(index * size, (index + 1) * size)));

describe('file content checks', () => {
  it('accepts the declared types of documents and scans, without parameters, and refuses others with 415', () => {
    expect(acceptedContentType('application/pdf')).toBe('application/pdf');
    expect(acceptedContentType('Image/PNG; charset=binary')).toBe('image/png');
    expect(acceptedContentType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(refusal(() => acceptedContentType('application/x-msdownload'))).toEqual([415, 'contentType', '只接受 PDF、JPG、PNG、Word 或 Excel 文件']);
    expect(refusal(() => acceptedContentType(undefined))).toEqual([415, 'contentType', '只接受 PDF、JPG、PNG、Word 或 Excel 文件']);
  });

  it('checks the bytes against the declared type', () => {
    expect(refusal(() => checkSignature('application/pdf', PDF))).toBe('accepted');
    expect(refusal(() => checkSignature('image/png', PNG))).toBe('accepted');
    expect(refusal(() => checkSignature('application/pdf', EXE))).toEqual([415, 'file', '文件内容与声明的文件类型不符']);
    expect(refusal(() => checkSignature('image/jpeg', PNG))).toEqual([415, 'file', '文件内容与声明的文件类型不符']);
    // Shorter than the signature itself.
    expect(refusal(() => checkSignature('image/png', PNG.subarray(0, 4)))).toEqual([415, 'file', '文件内容与声明的文件类型不符']);
  });

  it('decodes UTF-8 file names and refuses paths, control characters, bad encodings and overlong names', () => {
    expect(decodeFileName(encodeURIComponent(' 评估认定审批表（修订）.pdf '))).toBe('评估认定审批表（修订）.pdf');
    expect(refusal(() => decodeFileName(undefined))).toEqual([400, 'fileName', '缺少文件名（x-file-name）']);
    expect(refusal(() => decodeFileName('%E4%B8'))).toEqual([400, 'fileName', '文件名编码无效（请用 UTF-8 URI 编码）']);
    for (const name of ['../etc/passwd', 'a\\b.pdf', 'a%00b.pdf', '..', 'line%0Abreak.pdf']) {
      expect(refusal(() => decodeFileName(name))).toEqual([400, 'fileName', '文件名不能包含路径或控制字符']);
    }
    expect(decodeFileName(encodeURIComponent('文'.repeat(255)))).toHaveLength(255);
    expect(refusal(() => decodeFileName(encodeURIComponent('文'.repeat(256))))).toEqual([400, 'fileName', '文件名不能超过 255 个字符']);
  });

  it('refuses an announced size beyond 20 MiB before reading, and reads the headers of an upload in order', () => {
    expect(refusal(() => checkAnnouncedLength(String(MAX_FILE_BYTES)))).toBe('accepted');
    expect(refusal(() => checkAnnouncedLength(String(MAX_FILE_BYTES + 1)))).toEqual([413, 'file', '文件不能超过 20 MB']);
    const headers = (values: Record<string, string>) => ({ header: (name: string) => values[name] });
    expect(uploadHeaders(headers({ 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('证明.pdf'), 'content-length': '100' }))).toEqual({ contentType: 'application/pdf', fileName: '证明.pdf' });
    // The type is judged first, so a wrong type is reported even when the name is missing too.
    expect(refusal(() => uploadHeaders(headers({ 'content-type': 'text/html' })))).toEqual([415, 'contentType', '只接受 PDF、JPG、PNG、Word 或 Excel 文件']);
  });

  it('reads a body up to the limit, refuses an empty or oversized one, and checksums what it kept', async () => {
    const exact = Buffer.concat([PDF, Buffer.alloc(MAX_FILE_BYTES - PDF.length, 0x20)]);
    expect((await readLimitedBody(body(exact, 1024 * 1024))).equals(exact)).toBe(true);
    expect(await refusalOf(readLimitedBody(body(Buffer.concat([exact, Buffer.from('x')]), 1024 * 1024)))).toEqual([413, 'file', '文件不能超过 20 MB']);
    expect(await refusalOf(readLimitedBody(Readable.from([])))).toEqual([400, 'file', '文件不能为空']);
    expect(await receiveFile(body(PDF, 4), 'application/pdf')).toEqual({ content: PDF, sha256: sha256Hex(PDF) });
    expect(await refusalOf(receiveFile(body(EXE), 'application/pdf'))).toEqual([415, 'file', '文件内容与声明的文件类型不符']);
  });

  it('computes SHA-256 in hex', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('names an attachment with an ASCII fallback and the exact UTF-8 name (RFC 6266)', () => {
    expect(attachmentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(attachmentDisposition('审批表 "终稿"(1).pdf')).toBe(`attachment; filename="___ ____(1).pdf"; filename*=UTF-8''%E5%AE%A1%E6%89%B9%E8%A1%A8%20%22%E7%BB%88%E7%A8%BF%22%281%29.pdf`);
  });
});
