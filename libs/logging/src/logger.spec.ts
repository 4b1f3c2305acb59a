import { Writable } from 'node:stream';
import { createLogger } from './index';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger('test', 'debug', stream), lines };
}

describe('logger', () => {
  it('redacts personal-data keys however deep they sit', () => {
    const { logger, lines } = capture();
    logger.info({ park: { contactName: '王晓燕', contactPhone: '13835501234' }, input: { objection: { filerName: '张三', contact: 'zs@example.cn' } }, variables: { a: 1 } }, 'saved');
    const line = lines.join('');
    expect(line).not.toMatch(/王晓燕|13835501234|张三|zs@example\.cn/);
    expect(JSON.parse(line)).toMatchObject({ park: { contactName: '[redacted]', contactPhone: '[redacted]' }, input: { objection: { filerName: '[redacted]', contact: '[redacted]' } }, variables: '[redacted]' });
  });

  it('drops the parameters of a failed SQL statement and scrubs what the message quotes', () => {
    const { logger, lines } = capture();
    const sqlError = Object.assign(new Error('duplicate key value: Key (email)=(li.si@example.cn) already exists'), { parameters: ['13835501234', '李四'], detail: 'Key (name)=(李四) already exists', driverError: { detail: 'Key (name)=(李四) already exists' } });
    logger.error({ err: sqlError }, 'query failed');
    const line = lines.join('');
    expect(line).not.toMatch(/li\.si@example\.cn|13835501234|李四/);
    expect(line).toContain('l***@example.cn');
    expect(JSON.parse(line).err).toMatchObject({ parameters: '[redacted]', detail: '[redacted]', driverError: { detail: '[redacted]' } });
  });

  it('scrubs phone and ID numbers from free text anywhere in the line, the message included', () => {
    const { logger, lines } = capture();
    logger.warn({ reason: '550 5.1.1 <wang@example.cn>: recipient rejected' }, 'callback 0355-7221234 for 140403199001011234');
    const line = lines.join('');
    expect(line).not.toMatch(/wang@example\.cn|0355-7221234|140403199001011234/);
    expect(line).toContain('1404**********1234');
  });

  it('keeps what operators need: ids, request ids and timestamps', () => {
    const { logger, lines } = capture();
    logger.info({ requestId: 'b1c7e0a2-0000-4000-8000-000000000001', parkId: '0b6f1d2e-5a4c-4c1e-9a51-000000000001', ms: 1764316800000 }, 'graphql request');
    expect(JSON.parse(lines.join(''))).toMatchObject({ requestId: 'b1c7e0a2-0000-4000-8000-000000000001', parkId: '0b6f1d2e-5a4c-4c1e-9a51-000000000001', ms: 1764316800000 });
  });
});
