import { authorize } from '@cz/auth';
import { guardedUpdate, recordAudit } from '@cz/db';
import { ConflictError, NotFoundError } from '@cz/errors';
import { templateChangeRefusal, validateAssessmentTemplate } from '@cz/policy';
import { isUuid } from '@cz/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { AssessmentTemplateEntity } from '../entities/assessment-template.entity';
import type { AssessmentTemplateInput, ResolversTypes } from '../generated/graphql';
import { toTemplate } from './views';
import { type ValidTemplate, validTemplate } from './workflow-input.rules';

async function requireFreeCode(manager: EntityManager, code: string, exceptId: string | null): Promise<void> {
  const [taken]: Array<{ id: string }> = await manager.query(`SELECT "id" FROM "${SCHEMA}"."assessment_template" WHERE "code" = $1 AND "id" IS DISTINCT FROM $2`, [code, exceptId]);
  if (taken) throw new ConflictError(`模板编号 ${code} 已被使用`, { field: 'code', code });
}

async function saved(context: Context, manager: EntityManager, id: string, operation: string, changes: Record<string, unknown>): Promise<AssessmentTemplateEntity> {
  await recordAudit(manager, SCHEMA, context.identity, { operation, targetType: 'AssessmentTemplate', targetId: id, changes, requestId: context.requestId });
  return manager.getRepository(AssessmentTemplateEntity).findOneByOrFail({ id });
}

const summary = (template: ValidTemplate) => ({ code: template.code, title: template.title, indicators: template.content.indicators.map((indicator) => indicator.code), cutoffs: template.content.cutoffs });

/** 新建指标模板 (city bureau): the content must pass the Art 19 template rules. */
export async function createTemplate(context: Context, input: AssessmentTemplateInput): Promise<ResolversTypes['AssessmentTemplate']> {
  authorize(context.identity, 'assessment.template.manage');
  const template = validTemplate(input, validateAssessmentTemplate);
  const created = await context.dataSource.transaction(async (manager) => {
    await requireFreeCode(manager, template.code, null);
    const { identifiers } = await manager.getRepository(AssessmentTemplateEntity).insert({ ...template, createdBy: context.identity.subject, version: 1 });
    return saved(context, manager, identifiers[0].id as string, 'assessment.template.create', summary(template));
  });
  return toTemplate(context, created);
}

/**
 * 修改指标模板: only while no cycle uses it. The service names the cycles in a CONFLICT; the
 * database trigger is the backstop. The row lock makes a cycle being opened on this template wait
 * (its foreign key needs the row), so the cycle sees the template as this change leaves it.
 */
export async function updateTemplate(context: Context, id: string, expectedVersion: number, input: AssessmentTemplateInput): Promise<ResolversTypes['AssessmentTemplate']> {
  authorize(context.identity, 'assessment.template.manage');
  const template = validTemplate(input, validateAssessmentTemplate);
  const updated = await context.dataSource.transaction(async (manager) => {
    const [current]: Array<{ version: number }> = isUuid(id) ? await manager.query(`SELECT "version" FROM "${SCHEMA}"."assessment_template" WHERE "id" = $1 FOR UPDATE`, [id]) : [];
    if (!current) throw new NotFoundError('考核指标模板不存在', { templateId: id });
    const years: Array<{ year: number }> = await manager.query(`SELECT "year" FROM "${SCHEMA}"."assessment_cycle" WHERE "template_id" = $1 ORDER BY "year"`, [id]);
    const refusal = templateChangeRefusal(years.map((row) => row.year));
    if (refusal) throw new ConflictError(refusal, { templateId: id, usedByCycleYears: years.map((row) => row.year) });
    await requireFreeCode(manager, template.code, id);
    const changed = await guardedUpdate(
      manager,
      `UPDATE "${SCHEMA}"."assessment_template" SET "code" = $3, "title" = $4, "content" = $5, "version" = "version" + 1 WHERE "id" = $1 AND "version" = $2`,
      [id, expectedVersion, template.code, template.title, JSON.stringify(template.content)],
    );
    if (changed === 0) throw new ConflictError('考核指标模板已被他人修改，请刷新后重试', { expectedVersion, version: current.version });
    return saved(context, manager, id, 'assessment.template.update', summary(template));
  });
  return toTemplate(context, updated);
}
