/**
 * The facts of published forms (test/fixtures/public-forms/*.json, transcribed
 * with their own mistakes) and the renderer's spec of each, so that a form can
 * be written out as any export (render-mess.ts) and read back.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Columns, FormSpec, Level1Spec } from './render-mess.js';

// Beside this module in the suite; from the project's root when bundled into bench/.out.
export const PUBLIC_FORMS_DIR = [join(import.meta.dirname, '..', 'fixtures', 'public-forms'), join(process.cwd(), 'test', 'fixtures', 'public-forms')].find((dir) => existsSync(dir)) ?? join(import.meta.dirname, '..', 'fixtures', 'public-forms');

export interface PublicIndicator {
  level1: string;
  level1Label: string;
  level2: string | null;
  name: string;
  target: string | null;
  targetParts?: [string, string, string];
  actual: string | null;
  weight: string | null;
  score: string | null;
  deviation: string | null;
}

export interface PublicFunds {
  label: string;
  initial: string | null;
  adjusted: string | null;
  executed: string | null;
  weight: string | null;
  rate: string | null;
  score: string | null;
}

export interface PublicForm {
  kind: string;
  fundsUnit: string;
  project: { name: string | null; amount: string | null; department: string | null; implementer: string | null };
  funds: PublicFunds[];
  indicators: PublicIndicator[];
  total: { weight: string | null; score: string | null } | null;
}

/** A published form's facts, by file name. */
export function readPublicForm(file: string): PublicForm {
  return JSON.parse(readFileSync(join(PUBLIC_FORMS_DIR, file), 'utf8')) as PublicForm;
}

/** The points a label declares (`产出指标（50分）` → 50), or null. */
const pointsOf = (label: string): string | null => label.replace(/\s+/g, '').match(/(\d+(?:\.\d+)?)分[)）]?$/)?.[1] ?? null;

/** A form's facts as the renderer's spec: 一级 groups and 二级 groups in the order the form prints them. */
export function specOfPublic(facts: PublicForm): FormSpec {
  const split = facts.indicators.some((i) => i.targetParts);
  const figures = facts.indicators.some((i) => i.weight !== null || i.score !== null);
  const columns: Columns = split ? 'split' : figures ? 'standard' : 'resultsOnly';
  const level1: Level1Spec[] = [];
  for (const ind of facts.indicators) {
    let l1 = level1[level1.length - 1];
    if (!l1 || l1.label !== ind.level1Label) {
      l1 = { level1: ind.level1Label, points: pointsOf(ind.level1Label), label: ind.level1Label, groups: [] };
      level1.push(l1);
    }
    let g = l1.groups[l1.groups.length - 1];
    const level2 = ind.level2;
    if (!g || g.label !== (level2 ?? undefined) || (g.level2 === null) !== (level2 === null)) {
      g = { level2, label: level2 ?? undefined, indicators: [] };
      l1.groups.push(g);
    }
    g.indicators.push({
      name: ind.name,
      target: ind.target ?? '',
      targetParts: ind.targetParts,
      actual: ind.actual ?? '',
      weight: ind.weight ?? '',
      score: ind.score ?? '',
      deviation: ind.deviation,
    });
  }
  return {
    title: facts.kind,
    columns,
    project: { name: facts.project.name ?? '', amount: facts.project.amount ?? '', department: facts.project.department ?? '', implementer: facts.project.implementer ?? '' },
    funds: {
      unit: facts.fundsUnit === '元' ? '元' : '万元',
      rows: facts.funds.map((r) => ({ label: r.label, values: [r.initial ?? '', r.adjusted ?? '', r.executed ?? '', r.weight ?? '', r.rate ?? '', r.score ?? ''] })),
    },
    goals: { expected: '', actual: '' },
    framework: '2020',
    level1,
    total: { weight: facts.total?.weight ?? '', score: facts.total?.score ?? '' },
  };
}
