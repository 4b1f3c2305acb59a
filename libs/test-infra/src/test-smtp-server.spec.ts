import { createTransport } from 'nodemailer';
import { TestSmtpServer } from './test-smtp-server';

describe('TestSmtpServer', () => {
  it('receives a message over real SMTP', async () => {
    const smtp = await TestSmtpServer.start();
    try {
      await createTransport(smtp.url).sendMail({ from: 'a@example.test', to: 'b@example.test', subject: '测试通知', text: '正文', messageId: '<m1@test>' });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].to).toEqual(['b@example.test']);
      expect(smtp.received[0].parsed).toMatchObject({ subject: '测试通知', text: '正文', messageId: '<m1@test>' });
    } finally {
      await smtp.stop();
    }
  });
});
