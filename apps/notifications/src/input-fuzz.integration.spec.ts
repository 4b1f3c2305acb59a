import { randomUUID } from 'node:crypto';
import { exampleCall, type FuzzExample, fuzzMutation, mutationNames, startTestSubgraph, subgraphSchema, type TestSubgraph } from '@cz/testing';
import { DEFAULT_MAIL_FROM, SCHEMA } from './config';
import { city, luzhouOfficer } from './notifications.fixtures';
import { createNotificationsService } from './service';

// No SMTP relay: nothing is mailed, and no notification is created here with deliveries to send.
const service = createNotificationsService({ smtpUrl: undefined, mailFrom: DEFAULT_MAIL_FROM, pollIntervalMs: 100 });
const schema = subgraphSchema(service);

describe('notifications: generated bad input at every mutation (fast-check, real PostgreSQL)', () => {
  let notifications: TestSubgraph;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => notifications.service.dataSource.query(text, params);

  /** Factory: an unread notice in the 潞州区 county bureau's inbox (written directly: no e-mail goes with it). */
  async function unreadNotice(): Promise<string> {
    const [{ id }] = await sql<{ id: string }>(
      `INSERT INTO "${SCHEMA}".notification (dedupe_key, audience_role, audience_county_code, category, title, body) VALUES ($1, 'COUNTY_BUREAU', '140403', 'APPLICATION_SUBMITTED', '申报待初审', '潞州人力资源服务产业园提交了认定申报。') RETURNING id`,
      [`fuzz:${randomUUID()}`],
    );
    return id;
  }
  let contacts = 0;
  const contact = () => ({ role: 'COUNTY_BUREAU', countyCode: '140404', email: `rsj-fuzz-${(contacts += 1)}@changzhi.example`, name: '上党区人社局' });

  /** A valid call of each mutation by the party entitled to it. */
  const examples: Record<string, () => Promise<FuzzExample>> = {
    markNotificationsRead: async () => ({ identity: luzhouOfficer, variables: { ids: [await unreadNotice()] } }),
    addNotificationContact: async () => ({ variables: { input: contact() } }),
    deactivateNotificationContact: async () => {
      const added = await exampleCall<{ addNotificationContact: { id: string } }>(notifications.url, city, `mutation($input: NotificationContactInput!) { addNotificationContact(input: $input) { id } }`, { input: contact() });
      return { variables: { id: added.addNotificationContact.id } };
    },
  };

  beforeAll(async () => {
    notifications = await startTestSubgraph(service, { seedDemo: true });
  }, 60_000);
  afterAll(async () => {
    await notifications?.close();
  });

  it.each(mutationNames(schema))('%s: refuses garbage clearly, with no 500, no trace and nothing written', async (mutation) => {
    const result = await fuzzMutation(mutation, { url: notifications.url, schema, dataSource: notifications.service.dataSource, dbSchema: SCHEMA, identity: city, example: examples[mutation], numRuns: 60 });
    // A mutation added later is fuzzed too, with arguments generated from its types alone.
    expect(result.example).toBe(examples[mutation] ? 'OK' : undefined);
    expect(result.runs).toBe(60);
  }, 60_000);
});
