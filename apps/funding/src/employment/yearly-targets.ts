import { authorize } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { guardedUpdate, recordAudit } from '@cz/db';
import { ConflictError, NotFoundError } from '@cz/errors';
import type { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { ResolversTypes } from '../generated/graphql';
import { createSubsidiesForYear } from '../operating-subsidy/subsidy-creation';
import { headcount, year as validYear } from './employment-input.rules';
import { YearlyTargetEntity } from './yearly-target.entity';

export interface TargetsInput {
  year: number;
  expectedVersion?: number | null;
  urbanNewEmployment: number;
  ruralLabourTransfer: number;
}

function findTargets(db: DataSource | EntityManager, year: number): Promise<YearlyTargetEntity | null> {
  return db.getRepository(YearlyTargetEntity).findOneBy({ year });
}

export function toYearlyTargets(row: YearlyTargetEntity): ResolversTypes['YearlyTargets'] {
  return { ...row, total: row.urbanNewEmployment + row.ruralLabourTransfer };
}

export async function readYearlyTargets(context: Context, year: number) {
  authorize(context.identity, 'funding.targets.read');
  const row = await findTargets(context.dataSource, validYear('year', year));
  return row ? toYearlyTargets(row) : null;
}

/**
 * 录入/修改年度目标任务: without expectedVersion only a new year is inserted, so two first entries
 * never silently overwrite each other; with it, one guarded update on version.
 */
export async function setYearlyTargets(context: Context, input: TargetsInput) {
  authorize(context.identity, 'funding.targets.manage');
  const year = validYear('year', input.year);
  const urban = headcount('urbanNewEmployment', input.urbanNewEmployment, '城镇新增就业目标');
  const rural = headcount('ruralLabourTransfer', input.ruralLabourTransfer, '农村劳动力转移就业目标');
  const now = context.now();
  await context.dataSource.transaction(async (manager) => {
    let before: YearlyTargetEntity | null = null;
    if (input.expectedVersion == null) {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${SCHEMA}"."yearly_target" ("year", "urban_new_employment", "rural_labour_transfer", "entered_by", "entered_at", "updated_at")
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT ("year") DO NOTHING RETURNING "year"`,
        [year, urban, rural, context.identity.subject, now],
      );
      if (inserted.length === 0) throw new ConflictError(`${year} 年度目标任务已录入，修改时请提供版本号`, { year });
    } else {
      before = await findTargets(manager, year);
      if (!before) throw new NotFoundError(`${year} 年度目标任务尚未录入`, { year });
      const changed = await guardedUpdate(
        manager,
        `UPDATE "${SCHEMA}"."yearly_target" SET "urban_new_employment" = $3, "rural_labour_transfer" = $4, "version" = "version" + 1, "updated_at" = $5 WHERE "year" = $1 AND "version" = $2`,
        [year, input.expectedVersion, urban, rural, now],
      );
      if (changed === 0) throw new ConflictError(`${year} 年度目标任务已被他人修改（当前版本 ${before.version}），请刷新后重试`, { year, version: before.version });
    }
    await recordAudit(manager, SCHEMA, context.identity, {
      operation: 'funding.targets.manage',
      targetType: 'YearlyTargets',
      targetId: String(year),
      changes: {
        urbanNewEmployment: [before?.urbanNewEmployment ?? null, urban],
        ruralLabourTransfer: [before?.ruralLabourTransfer ?? null, rural],
        version: [before?.version ?? null, (before?.version ?? 0) + 1],
      },
      requestId: context.requestId,
    });
    // Art 10: the targets complete the subsidies of parks whose counts are verified already.
    await createSubsidiesForYear(manager, year, { actor: context.identity, requestId: context.requestId, today: shanghaiDate(context.now()) });
  });
  const row = await findTargets(context.dataSource, year);
  if (!row) throw new Error(`yearly targets of ${year} vanished after being written`);
  return toYearlyTargets(row);
}
