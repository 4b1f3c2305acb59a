import { randomUUID } from 'node:crypto';
import { ANONYMOUS, type Identity, SYSTEM_IDENTITY } from '@cz/auth';
import { DEMO_PARKS } from '@cz/demo-data';
import { createRedisConnection } from '@cz/events';
import { asGateway, errorCode, postGraphQL, startTestSubgraph, TEST_REDIS_URL, TestEventQueue, type TestSubgraph, waitFor, type ReceivedMail, TestSmtpServer } from '@cz/testing';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_MAIL_FROM } from './config';
import { EMAIL_QUEUE, emailJobId, SEND_EMAIL_JOB } from './email/email-jobs';
import { DEMO_CITY_BUREAU_EMAIL, demoCountyBureauEmail } from './seed-demo';
import { createNotificationsService } from './service';
import {
  ADD_CONTACT,
  city,
  type Contact,
  CONTACTS,
  DEACTIVATE,
  ENTITIES,
  INBOX,
  type Inbox,
  luzhouColleague,
  luzhouOfficer,
  luzhouOperator,
  luzhouPark,
  MARK,
  otherReviewer,
  requested,
  reviewer,
  shangdangOfficer,
} from './notifications.fixtures';

describe('notifications subgraph (real PostgreSQL, Redis and SMTP)', () => {
  let smtp: TestSmtpServer;
  let notifications: TestSubgraph;
  let events: TestEventQueue;
  let redis: Redis;
  let emailQueue: Queue;

  const sql = <T = Record<string, unknown>>(text: string, parameters: unknown[] = []): Promise<T[]> => notifications.service.dataSource.query(text, parameters);
  const inboxOf = async (identity: Identity, variables: Record<string, unknown> = {}) => {
    const response = await asGateway<Inbox>(notifications.url, identity, INBOX, { first: 100, ...variables });
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const titlesSeenBy = async (identity: Identity) => (await inboxOf(identity)).myNotifications.edges.map((edge) => edge.node.title);
  const deliveriesOf = (dedupeKey: string) =>
    sql<{ id: string; email: string; status: string; message_id: string | null }>(
      `SELECT d.id, d.email, d.status, d.message_id FROM notifications.email_delivery d JOIN notifications.notification n ON n.id = d.notification_id WHERE n.dedupe_key = $1 ORDER BY d.email`,
      [dedupeKey],
    );
  const settledDeliveriesOf = (dedupeKey: string, count: number) =>
    waitFor(async () => {
      const rows = await deliveriesOf(dedupeKey);
      return rows.length === count && rows.every((row) => row.status !== 'PENDING') ? rows : undefined;
    }, `${count} settled deliveries of ${dedupeKey}`);
  const mailsTitled = (title: string): ReceivedMail[] => smtp.received.filter((mail) => mail.parsed.subject === title);
  /** Long enough for several sweeps and job runs: what has not arrived by then is not coming. */
  const quietPeriod = () => new Promise((resolve) => setTimeout(resolve, 800));

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    notifications = await startTestSubgraph(createNotificationsService({ smtpUrl: smtp.url, mailFrom: DEFAULT_MAIL_FROM, pollIntervalMs: 100 }), { seedDemo: true });
    events = TestEventQueue.open('notifications', notifications.queuePrefix);
    redis = createRedisConnection(TEST_REDIS_URL);
    emailQueue = new Queue(EMAIL_QUEUE, { connection: redis, prefix: notifications.queuePrefix });
  });
  afterAll(async () => {
    await emailQueue?.close();
    redis?.disconnect();
    await events?.close();
    await notifications?.close();
    await smtp?.stop();
  });

  it('refuses any request without a gateway-signed identity, _entities included', async () => {
    for (const query of ['{ unreadNotificationCount }', CONTACTS, `{ _entities(representations: [{ __typename: "Notification", id: "${randomUUID()}" }]) { __typename } }`]) {
      const response = await postGraphQL(notifications.url, query);
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
    }
    expect(errorCode(await asGateway(notifications.url, ANONYMOUS, INBOX))).toBe('UNAUTHENTICATED');
    expect(errorCode(await asGateway(notifications.url, SYSTEM_IDENTITY, INBOX))).toBe('FORBIDDEN');
  });

  it('seeds the office mailboxes once', async () => {
    expect(await notifications.service.dataSource.query(`SELECT email FROM notifications.notification_contact ORDER BY email`)).toEqual(
      [DEMO_CITY_BUREAU_EMAIL, ...['140403', '140423', '140431', '140471'].map(demoCountyBureauEmail)].sort().map((email) => ({ email })),
    );
    expect(await createNotificationsService({ mailFrom: DEFAULT_MAIL_FROM }).seedDemo!(notifications.service.dataSource)).toBe(0);
  });

  it('puts a notification for the 潞州区 county bureau in its officers’ inboxes only', async () => {
    const event = requested({ dedupeKey: 'application.a1.submitted', audience: { role: 'COUNTY_BUREAU', countyCode: '140403' } });
    expect(await events.deliver(event)).toBe(true);
    for (const officer of [luzhouOfficer, luzhouColleague]) {
      const inbox = await inboxOf(officer);
      expect(inbox.myNotifications.edges.map((edge) => edge.node)).toEqual([
        { id: expect.any(String), category: 'APPLICATION_SUBMITTED', title: event.payload.title, body: event.payload.body, link: event.payload.link, createdAt: expect.any(String), read: false },
      ]);
      expect(inbox.unreadNotificationCount).toBe(1);
    }
    for (const outsider of [shangdangOfficer, luzhouOperator, city]) expect(await titlesSeenBy(outsider)).toEqual([]);
  });

  it('marks notifications read per person, only those addressed to the reader', async () => {
    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM notifications.notification WHERE dedupe_key = 'application.a1.submitted'`);
    expect((await asGateway(notifications.url, shangdangOfficer, MARK, { ids: [id] })).data).toEqual({ markNotificationsRead: 0 });
    expect((await asGateway(notifications.url, luzhouOfficer, MARK, { ids: [id, randomUUID(), 'not-an-id'] })).data).toEqual({ markNotificationsRead: 1 });
    expect((await asGateway(notifications.url, luzhouOfficer, MARK, { ids: [id] })).data).toEqual({ markNotificationsRead: 0 });

    const officer = await inboxOf(luzhouOfficer);
    expect(officer.unreadNotificationCount).toBe(0);
    expect(officer.myNotifications.edges.map((edge) => edge.node.read)).toEqual([true]);
    expect((await inboxOf(luzhouOfficer, { unreadOnly: true })).myNotifications.totalCount).toBe(0);
    expect((await inboxOf(luzhouColleague)).unreadNotificationCount).toBe(1);

    const tooMany = await asGateway(notifications.url, luzhouOfficer, MARK, { ids: Array.from({ length: 101 }, () => randomUUID()) });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0].extensions?.field).toBe('ids');
  });

  it('e-mails the county bureau’s mailbox with the right recipient, subject and Message-ID', async () => {
    const [delivery] = await settledDeliveriesOf('application.a1.submitted', 1);
    expect(delivery).toMatchObject({ email: demoCountyBureauEmail('140403'), status: 'SENT', message_id: `<${delivery.id}@hrpark.changzhi>` });
    const [mail, ...others] = mailsTitled('申报待初审 application.a1.submitted');
    expect(others).toEqual([]);
    expect(mail.to).toEqual([demoCountyBureauEmail('140403')]);
    expect(mail.parsed.messageId).toBe(`<${delivery.id}@hrpark.changzhi>`);
    expect(mail.parsed.from?.value).toEqual([{ address: 'noreply@hrpark.changzhi.gov.cn', name: '长治市人力资源服务产业园平台' }]);
    expect(mail.parsed.text).toContain('请在 5 个工作日内完成初审');
    expect(mail.parsed.text).toMatch(/办理入口：\/applications\/[0-9a-f-]{36}/);
  });

  it('notifies and e-mails once, however often the request is delivered or repeated', async () => {
    const event = requested({ dedupeKey: 'application.a2.returned', audience: { role: 'CITY_BUREAU' } });
    const applied = await Promise.all(['first', 'again'].map((delivery) => events.deliver(event, `${event.id}-${delivery}`)));
    expect(applied.sort()).toEqual([false, true]);
    // The acting service retried its transition: a new event, the same dedupe key.
    expect(await events.deliver({ ...event, id: randomUUID(), payload: { ...event.payload, title: '重试的标题' } })).toBe(true);

    expect(await sql(`SELECT title FROM notifications.notification WHERE dedupe_key = $1`, [event.payload.dedupeKey])).toEqual([{ title: event.payload.title }]);
    expect(await titlesSeenBy(city)).toEqual([event.payload.title]);
    const deliveries = await settledDeliveriesOf(event.payload.dedupeKey, 1);
    expect(deliveries).toMatchObject([{ email: DEMO_CITY_BUREAU_EMAIL, status: 'SENT' }]);
    await quietPeriod();
    expect(mailsTitled(event.payload.title)).toHaveLength(1);
    expect(mailsTitled('重试的标题')).toEqual([]);
  });

  it('sends nothing new when the e-mail job runs again after SENT; a lost SENT mark resends the same Message-ID', async () => {
    const [delivery] = await settledDeliveriesOf('application.a1.submitted', 1);
    const title = '申报待初审 application.a1.submitted';
    const runJobAgain = async () => {
      await (await emailQueue.getJob(emailJobId(delivery.id)))?.remove();
      await emailQueue.add(SEND_EMAIL_JOB, { deliveryId: delivery.id }, { jobId: emailJobId(delivery.id) });
      return waitFor(async () => {
        const job = await emailQueue.getJob(emailJobId(delivery.id));
        return (await job?.getState()) === 'completed' ? (job?.returnvalue as string) : undefined;
      }, 'the e-mail job to run again');
    };
    expect(await runJobAgain()).toBe('ALREADY_DONE');
    await quietPeriod();
    expect(mailsTitled(title)).toHaveLength(1);

    // A crash after the relay accepted the message and before the row was marked: the row is still PENDING.
    await sql(`UPDATE notifications.email_delivery SET status = 'PENDING', message_id = NULL, sent_at = NULL WHERE id = $1`, [delivery.id]);
    expect(await runJobAgain()).toBe('SENT');
    const copies = mailsTitled(title);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((mail) => mail.parsed.messageId))).toEqual(new Set([`<${delivery.id}@hrpark.changzhi>`]));
    expect(await deliveriesOf('application.a1.submitted')).toMatchObject([{ status: 'SENT', message_id: `<${delivery.id}@hrpark.changzhi>` }]);
  });

  it('keeps a notification for one person in-app only', async () => {
    const event = requested({ dedupeKey: 'application.a3.assigned.reviewer-7', category: 'REVIEW_ASSIGNED', audience: { role: 'REVIEWER', subject: reviewer.subject } });
    await events.deliver(event);
    expect(await titlesSeenBy(reviewer)).toEqual([event.payload.title]);
    expect(await titlesSeenBy(otherReviewer)).toEqual([]);
    expect(await deliveriesOf(event.payload.dedupeKey)).toEqual([]);
  });

  it('resolves Notification representations only for their audience', async () => {
    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM notifications.notification WHERE dedupe_key = 'application.a1.submitted'`);
    const representations = [{ __typename: 'Notification', id }, { __typename: 'Notification', id: randomUUID() }, { __typename: 'Notification', id: 'not-a-uuid' }];
    const own = await asGateway<{ _entities: unknown[] }>(notifications.url, luzhouOfficer, ENTITIES, { r: representations });
    expect(own.errors).toBeUndefined();
    expect(own.data?._entities).toEqual([{ id, title: '申报待初审 application.a1.submitted', read: true }, null, null]);
    const foreign = await asGateway<{ _entities: unknown[] }>(notifications.url, shangdangOfficer, ENTITIES, { r: representations.slice(0, 1) });
    expect(foreign.data?._entities).toEqual([null]);
  });

  it('pages the inbox newest first', async () => {
    for (const n of [1, 2, 3]) await events.deliver(requested({ dedupeKey: `park.${n}.report-due`, title: `年报待提交 ${n}`, audience: { role: 'PARK_OPERATOR', parkId: luzhouPark.id } }));
    await events.deliver(requested({ dedupeKey: 'park.other.report-due', audience: { role: 'PARK_OPERATOR', parkId: DEMO_PARKS[1].id } }));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Inbox = await inboxOf(luzhouOperator, { first: 2, after });
      expect(page.myNotifications.totalCount).toBe(3);
      seen.push(...page.myNotifications.edges.map((edge) => edge.node.title));
      after = page.myNotifications.pageInfo.hasNextPage ? page.myNotifications.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['年报待提交 3', '年报待提交 2', '年报待提交 1']);
  });

  it('lets only the city bureau read and change the e-mail directory, with audit rows', async () => {
    for (const [query, variables] of [
      [CONTACTS, {}],
      [ADD_CONTACT, { input: { role: 'COUNTY_BUREAU', countyCode: '140404', email: 'x@changzhi.example', name: 'x' } }],
      [DEACTIVATE, { id: randomUUID() }],
    ] as const) {
      expect(errorCode(await asGateway(notifications.url, luzhouOfficer, query, variables))).toBe('FORBIDDEN');
    }

    const added = await asGateway<{ addNotificationContact: Contact }>(notifications.url, city, ADD_CONTACT, { input: { role: 'COUNTY_BUREAU', countyCode: '140404', email: ' Shangdang@Changzhi.Example ', name: '上党区人社局' } });
    expect(added.errors).toBeUndefined();
    const contact = added.data!.addNotificationContact;
    expect(contact).toEqual({ id: expect.any(String), role: 'COUNTY_BUREAU', countyCode: '140404', parkId: null, email: 'shangdang@changzhi.example', name: '上党区人社局', active: true });
    const again = await asGateway(notifications.url, city, ADD_CONTACT, { input: { role: 'COUNTY_BUREAU', countyCode: '140404', email: 'shangdang@changzhi.example', name: '重复' } });
    expect(errorCode(again)).toBe('CONFLICT');

    const listed = await asGateway<{ notificationContacts: Contact[] }>(notifications.url, city, CONTACTS);
    expect(listed.data?.notificationContacts[0]).toMatchObject({ id: contact.id, email: 'shangdang@changzhi.example' });
    expect(listed.data?.notificationContacts).toHaveLength(6);

    const first = requested({ dedupeKey: 'application.a4.submitted', audience: { role: 'COUNTY_BUREAU', countyCode: '140404' } });
    await events.deliver(first);
    expect(await settledDeliveriesOf(first.payload.dedupeKey, 1)).toMatchObject([{ email: 'shangdang@changzhi.example', status: 'SENT' }]);

    expect((await asGateway(notifications.url, city, DEACTIVATE, { id: contact.id })).data).toEqual({ deactivateNotificationContact: { id: contact.id, active: false } });
    expect(errorCode(await asGateway(notifications.url, city, DEACTIVATE, { id: contact.id }))).toBe('CONFLICT');
    expect(errorCode(await asGateway(notifications.url, city, DEACTIVATE, { id: randomUUID() }))).toBe('NOT_FOUND');
    const second = requested({ dedupeKey: 'application.a5.submitted', audience: { role: 'COUNTY_BUREAU', countyCode: '140404' } });
    await events.deliver(second);
    expect(await deliveriesOf(second.payload.dedupeKey)).toEqual([]);

    const audit = await sql<{ operation: string; actor: string; changes: Record<string, unknown> }>(`SELECT operation, actor, changes FROM notifications.audit_log WHERE target_id = $1 ORDER BY id`, [contact.id]);
    expect(audit.map((row) => [row.operation, row.actor])).toEqual([
      ['notification.contacts.add', city.subject],
      ['notification.contacts.deactivate', city.subject],
    ]);
    expect(JSON.stringify(audit)).not.toContain('shangdang@');
    expect(await sql(`SELECT 1 FROM notifications.audit_log WHERE operation = 'notification.contacts.read' AND actor = $1`, [city.subject])).not.toHaveLength(0);
  });

  it('refuses a malformed contact with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const [{ n: before }] = await sql<{ n: string }>(`SELECT count(*) AS n FROM notifications.notification_contact`);
    const valid = { role: 'FINANCE', email: 'czj@changzhi.example', name: '市财政局' };
    for (const [input, field] of [
      [{ ...valid, email: 'czj.changzhi.example' }, 'email'],
      [{ ...valid, email: 'czj@changzhi' }, 'email'],
      [{ ...valid, countyCode: '1404' }, 'countyCode'],
      [{ ...valid, parkId: 'park-1' }, 'parkId'],
      [{ ...valid, name: '  ' }, 'name'],
    ] as const) {
      const response = await asGateway(notifications.url, city, ADD_CONTACT, { input });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.field).toBe(field);
      expect(response.errors?.[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(errorCode(await asGateway(notifications.url, city, ADD_CONTACT, { input: { ...valid, role: 'PUBLIC' } }))).toBe('BAD_USER_INPUT');
    expect(await sql(`SELECT count(*) AS n FROM notifications.notification_contact`)).toEqual([{ n: before }]);
  });

  it('marks deliveries SKIPPED when no SMTP relay is configured, and still fills the inbox', async () => {
    const withoutRelay = await startTestSubgraph(createNotificationsService({ mailFrom: DEFAULT_MAIL_FROM, pollIntervalMs: 100 }), { seedDemo: true });
    const relayless = TestEventQueue.open('notifications', withoutRelay.queuePrefix);
    try {
      const received = smtp.received.length;
      const event = requested({ dedupeKey: 'application.a6.awaiting-approval', audience: { role: 'CITY_BUREAU' } });
      await relayless.deliver(event);
      const rows = await waitFor(async () => {
        const found = await withoutRelay.service.dataSource.query(`SELECT email, status, message_id FROM notifications.email_delivery`);
        return found.length === 1 && found[0].status !== 'PENDING' ? found : undefined;
      }, 'the delivery to be settled');
      expect(rows).toEqual([{ email: DEMO_CITY_BUREAU_EMAIL, status: 'SKIPPED', message_id: null }]);
      const inbox = await asGateway<Inbox>(withoutRelay.url, city, INBOX);
      expect(inbox.data?.myNotifications.edges.map((edge) => edge.node.title)).toEqual([event.payload.title]);
      expect(smtp.received).toHaveLength(received);
    } finally {
      await relayless.close();
      await withoutRelay.close();
    }
  });
});
