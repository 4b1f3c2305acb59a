import { createAppendOnlyTrigger, dropAppendOnlyTrigger } from '@cz/db';
import type { QueryRunner } from 'typeorm';
import { MAX_FILE_BYTES } from './file-content';

/**
 * A service's file store: `"<schema>"."stored_file"`. Each row is one uploaded file of one park,
 * for one purpose (`owner_kind`, e.g. FUNDING_EVIDENCE). Invariants: the size and checksum
 * describe `content` exactly, and a trigger refuses UPDATE, DELETE and TRUNCATE, so a file once
 * referenced as evidence can never change under the record that cites it.
 */
export async function createStoredFileTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}"."stored_file" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "owner_kind" varchar(40) NOT NULL CHECK ("owner_kind" ~ '^[A-Z][A-Z0-9_]*$'),
      "park_id" uuid NOT NULL,
      "file_name" varchar(255) NOT NULL,
      "content_type" varchar(100) NOT NULL,
      "size_bytes" int NOT NULL CHECK ("size_bytes" BETWEEN 1 AND ${MAX_FILE_BYTES}),
      "sha256" char(64) NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
      "content" bytea NOT NULL,
      "uploaded_by" varchar(100) NOT NULL,
      "uploaded_role" varchar(32) NOT NULL,
      "uploaded_at" timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT "stored_file_size_matches" CHECK (octet_length("content") = "size_bytes")
    )`);
  // PDFs, JPEGs, PNGs and Office files are compressed already: TOAST compression would only cost CPU.
  await queryRunner.query(`ALTER TABLE "${schema}"."stored_file" ALTER COLUMN "content" SET STORAGE EXTERNAL`);
  await queryRunner.query(`CREATE INDEX "stored_file_park_idx" ON "${schema}"."stored_file" ("park_id", "owner_kind", "uploaded_at" DESC)`);
  await createAppendOnlyTrigger(queryRunner, schema, 'stored_file');
}

export async function dropStoredFileTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."stored_file"`);
  await dropAppendOnlyTrigger(queryRunner, schema, 'stored_file');
}
