import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Art 7(一) 1–6, in the order of the article. */
export const MATERIAL_ITEMS = ['LETTER', 'APPROVAL_FORM', 'FEASIBILITY_STUDY', 'OPERATION_REPORT', 'INSTITUTION_ROSTER', 'OTHER'] as const;
export type MaterialItem = (typeof MATERIAL_ITEMS)[number];

/** Items 1–5 must be present before a submission; 6 (其他材料) is optional. */
export const REQUIRED_MATERIAL_ITEMS: readonly MaterialItem[] = MATERIAL_ITEMS.filter((item) => item !== 'OTHER');

export const MATERIAL_ITEM_NAMES: Record<MaterialItem, string> = {
  LETTER: '申请函件',
  APPROVAL_FORM: '评估认定审批表',
  FEASIBILITY_STUDY: '可行性论证报告和建设发展规划',
  OPERATION_REPORT: '建设管理和运营情况',
  INSTITUTION_ROSTER: '入驻人力资源服务机构情况',
  OTHER: '其他材料',
};

/**
 * One uploaded version of one checklist item. Invariants (migration): (application, item, version)
 * is unique, versions count up from 1, size and checksum describe `content` exactly, and a trigger
 * refuses UPDATE and DELETE, so a material is never overwritten.
 */
@Entity({ name: 'application_material' })
export class MaterialEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'varchar', length: 30 })
  item: MaterialItem;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  /** Hex SHA-256 of `content`, computed by this service. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** Up to 20 MiB: never selected unless asked for, so lists stay light. */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 100 })
  uploadedBy: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', precision: 3 })
  uploadedAt: Date;
}
