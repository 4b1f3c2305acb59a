import { createHash } from 'node:crypto';

/**
 * Deterministic child ids: the same demo record always gets the same id in every service. A
 * name-based (version 5 style) UUID over the whole park id, the record kind and an index.
 */
export function demoChildId(parkId: string, kind: number, index = 0): string {
  const hex = createHash('sha1').update(`${parkId}/${kind}/${index}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
