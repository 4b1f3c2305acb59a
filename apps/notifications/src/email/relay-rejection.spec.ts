import { relayRejection } from './relay-rejection';

describe('relay rejection for the logs', () => {
  it('keeps the SMTP code and command, never the text that quotes the recipient', () => {
    const error = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <wang.xy@changzhi.example>: Recipient address rejected"), {
      code: 'EENVELOPE',
      responseCode: 550,
      command: 'RCPT TO',
      rejected: ['wang.xy@changzhi.example'],
      response: '550 5.1.1 <wang.xy@changzhi.example>: Recipient address rejected',
    });
    const logged = relayRejection(error);
    expect(logged).toEqual({ type: 'Error', code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' });
    expect(JSON.stringify(logged)).not.toContain('wang.xy');
  });

  it('describes a non-SMTP failure by its class only', () => {
    expect(relayRejection(new TypeError('socket hang up for li@example.cn'))).toEqual({ type: 'TypeError' });
    expect(relayRejection('boom')).toEqual({ type: 'string' });
  });
});
