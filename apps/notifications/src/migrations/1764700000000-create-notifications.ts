import { createAuditTable, dropAuditTable } from '@cz/db';
import { createEventTables, dropEventTables } from '@cz/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The user roles when this migration was written (frozen here, as a migration never changes); a new role needs a migration that widens these checks. */
const ROLE_LIST = `'CITY_BUREAU', 'COUNTY_BUREAU', 'PARK_OPERATOR', 'REVIEWER', 'FINANCE', 'DATA_TEAM'`;

export class CreateNotifications1764700000000 implements MigrationInterface {
  name = 'CreateNotifications1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notifications"."notification" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "dedupe_key" varchar(200) NOT NULL,
        "audience_role" varchar(32) NOT NULL CHECK ("audience_role" IN (${ROLE_LIST})),
        "audience_county_code" varchar(6),
        "audience_park_id" uuid,
        "audience_subject" varchar(100),
        "category" varchar(50) NOT NULL,
        "title" varchar(200) NOT NULL,
        "body" text NOT NULL,
        "link" varchar(500),
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    // Same key, same notification: a retried transition or a redelivered event is inserted once.
    await queryRunner.query(`CREATE UNIQUE INDEX "notification_dedupe_key_idx" ON "notifications"."notification" ("dedupe_key")`);
    // An inbox reads one role's notifications newest first, then narrows by county, park and person.
    await queryRunner.query(`CREATE INDEX "notification_audience_created_idx" ON "notifications"."notification" ("audience_role", "created_at" DESC, "id" DESC)`);

    await queryRunner.query(`
      CREATE TABLE "notifications"."notification_read" (
        "notification_id" uuid NOT NULL REFERENCES "notifications"."notification" ("id"),
        "subject" varchar(100) NOT NULL,
        "read_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("notification_id", "subject")
      )`);
    // Unread counts look up one reader's marks.
    await queryRunner.query(`CREATE INDEX "notification_read_subject_idx" ON "notifications"."notification_read" ("subject", "notification_id")`);

    await queryRunner.query(`
      CREATE TABLE "notifications"."notification_contact" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "role" varchar(32) NOT NULL CHECK ("role" IN (${ROLE_LIST})),
        "county_code" varchar(6) CHECK ("county_code" ~ '^[0-9]{6}$'),
        "park_id" uuid,
        "email" varchar(254) NOT NULL CHECK ("email" = lower("email")),
        "name" varchar(100) NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "created_by" varchar(100) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    // One active entry per mailbox and audience: adding it twice is a mistake, not a second recipient.
    await queryRunner.query(`
      CREATE UNIQUE INDEX "notification_contact_active_unique_idx" ON "notifications"."notification_contact"
        ("role", coalesce("county_code", ''), coalesce("park_id"::text, ''), "email") WHERE "active"`);

    await queryRunner.query(`
      CREATE TABLE "notifications"."email_delivery" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "notification_id" uuid NOT NULL REFERENCES "notifications"."notification" ("id"),
        "contact_id" uuid NOT NULL REFERENCES "notifications"."notification_contact" ("id"),
        "email" varchar(254) NOT NULL,
        "status" varchar(10) NOT NULL DEFAULT 'PENDING' CHECK ("status" IN ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
        "attempts" int NOT NULL DEFAULT 0,
        "last_error" varchar(500),
        "message_id" varchar(200),
        "sent_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        -- A SENT row always says what the relay accepted and when.
        CONSTRAINT "email_delivery_sent_recorded" CHECK ("status" <> 'SENT' OR ("message_id" IS NOT NULL AND "sent_at" IS NOT NULL))
      )`);
    // One e-mail per notification and mailbox, however many contacts share the address or events repeat.
    await queryRunner.query(`CREATE UNIQUE INDEX "email_delivery_notification_email_idx" ON "notifications"."email_delivery" ("notification_id", "email")`);
    // The sender's sweep reads only what is still to send.
    await queryRunner.query(`CREATE INDEX "email_delivery_pending_idx" ON "notifications"."email_delivery" ("created_at") WHERE "status" = 'PENDING'`);

    await createEventTables(queryRunner, 'notifications');
    await createAuditTable(queryRunner, 'notifications');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditTable(queryRunner, 'notifications');
    await dropEventTables(queryRunner, 'notifications');
    await queryRunner.query(`DROP TABLE "notifications"."email_delivery"`);
    await queryRunner.query(`DROP TABLE "notifications"."notification_contact"`);
    await queryRunner.query(`DROP TABLE "notifications"."notification_read"`);
    await queryRunner.query(`DROP TABLE "notifications"."notification"`);
  }
}
