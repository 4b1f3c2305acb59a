import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BadUserInputError } from '@cz/errors';

/** Documents and scans submitted to the bureaus; 20 MiB holds a long scanned PDF. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // .docx and .xlsx are zip packages
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .doc and .xls

/** Accepted types, each with the first bytes its files start with. */
const SIGNATURES: Record<string, readonly number[]> = {
  'application/pdf': PDF,
  'image/jpeg': JPEG,
  'image/png': PNG,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ZIP,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ZIP,
  'application/msword': OLE2,
  'application/vnd.ms-excel': OLE2,
};

export const ACCEPTED_CONTENT_TYPES: readonly string[] = Object.keys(SIGNATURES);

/** A refusal whose HTTP status is more precise than 400 (413 too large, 415 wrong type). */
export class FileRefusal extends BadUserInputError {
  constructor(
    readonly status: 400 | 413 | 415,
    field: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(field, message, details);
  }
}

const tooLarge = () => new FileRefusal(413, 'file', `文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`, { maxBytes: MAX_FILE_BYTES });

/** The declared media type without parameters, if it is one we accept. */
export function acceptedContentType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  if (!(type in SIGNATURES)) throw new FileRefusal(415, 'contentType', '只接受 PDF、JPG、PNG、Word 或 Excel 文件', { contentType: type || null });
  return type;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\]/;

/** The original file name, sent URI-encoded (UTF-8) because HTTP headers carry only ASCII safely. */
export function decodeFileName(header: string | undefined): string {
  let name: string;
  try {
    name = decodeURIComponent(header ?? '').trim();
  } catch {
    throw new FileRefusal(400, 'fileName', '文件名编码无效（请用 UTF-8 URI 编码）');
  }
  if (!name) throw new FileRefusal(400, 'fileName', '缺少文件名（x-file-name）');
  if (UNSAFE_NAME.test(name) || name === '.' || name === '..') throw new FileRefusal(400, 'fileName', '文件名不能包含路径或控制字符');
  if (Array.from(name).length > 255) throw new FileRefusal(400, 'fileName', '文件名不能超过 255 个字符');
  return name;
}

/** Refuses a body announced as too large before a byte of it is read. */
export function checkAnnouncedLength(header: string | undefined): void {
  if (header !== undefined && Number(header) > MAX_FILE_BYTES) throw tooLarge();
}

/**
 * Reads the body up to the limit. Past it, the bytes are no longer kept (the client still sends
 * them, and Node discards them), so an oversized upload costs no memory.
 */
export function readLimitedBody(request: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_FILE_BYTES) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.off('end', onEnd);
      request.resume();
      reject(tooLarge());
    };
    const onEnd = () => (size === 0 ? reject(new FileRefusal(400, 'file', '文件不能为空')) : resolve(Buffer.concat(chunks, size)));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', reject);
  });
}

/** The bytes must be what the declared type says, so a renamed executable never passes as a PDF. */
export function checkSignature(contentType: string, content: Buffer): void {
  const signature = SIGNATURES[contentType];
  if (!signature || content.length < signature.length || signature.some((byte, index) => content[index] !== byte)) {
    throw new FileRefusal(415, 'file', '文件内容与声明的文件类型不符', { contentType });
  }
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** RFC 6266: an ASCII fallback for old clients and the exact UTF-8 name for the rest. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** What an upload's headers say, checked before anything else (so a refused upload is never read). */
export interface UploadHeaders {
  contentType: string;
  fileName: string;
}

/** Header access as express's `req.header` offers it. */
export interface UploadRequest extends Readable {
  header(name: string): string | undefined;
}

/** Type, name and announced size, all from headers: no byte of the body is read. */
export function uploadHeaders(request: Pick<UploadRequest, 'header'>): UploadHeaders {
  const contentType = acceptedContentType(request.header('content-type'));
  const fileName = decodeFileName(request.header('x-file-name'));
  checkAnnouncedLength(request.header('content-length'));
  return { contentType, fileName };
}

export interface ReceivedFile {
  content: Buffer;
  sha256: string;
}

/** The body within the limit, matching its declared type, with its checksum. */
export async function receiveFile(request: Readable, contentType: string): Promise<ReceivedFile> {
  const content = await readLimitedBody(request);
  checkSignature(contentType, content);
  return { content, sha256: sha256Hex(content) };
}
