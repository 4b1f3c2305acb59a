import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row of a service's `stored_file` table (see createStoredFileTable); written by INSERT only. */
@Entity({ name: 'stored_file' })
export class StoredFileEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** What the file is for, e.g. FUNDING_EVIDENCE; routes serve one kind each. */
  @Column({ name: 'owner_kind', type: 'varchar', length: 40 })
  ownerKind: string;

  /** The park that uploaded it and whose records may cite it. */
  @Column({ name: 'park_id', type: 'uuid' })
  parkId: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  /** Hex SHA-256 of `content`, computed by the service. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** Up to 20 MiB: never selected unless asked for, so lists stay light. */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 100 })
  uploadedBy: string;

  @Column({ name: 'uploaded_role', type: 'varchar', length: 32 })
  uploadedRole: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', precision: 3 })
  uploadedAt: Date;
}
