/**
 * Mutations of a real export for the robustness properties: cells deleted,
 * duplicated, swapped or replaced, lines deleted, duplicated or swapped, and
 * the bytes truncated anywhere (also inside a multi-byte character).
 */
import fc from 'fast-check';

export type Mutation =
  | { op: 'deleteCell' | 'duplicateCell' | 'deleteLine' | 'duplicateLine'; at: number; cell: number }
  | { op: 'swapCells'; at: number; cell: number; other: number }
  | { op: 'swapLines'; at: number; other: number }
  | { op: 'replaceCell'; at: number; cell: number; text: string };

/** Cell texts that exercise the labels, figures and markers of the grammar. */
const CELL_TEXTS = [
  '', '总分', '项目名称', '年度绩效指标', '产出指标 (50分)', '效益指标（40分）', '满意度指标', '成本指标', '数量指标', '服务对象满意度指标',
  '经济成本指标', '年度资金总额', '项目资金（元）', '年度总体目标', '项目支出绩效自评表', '第 2 页', '- 3 -', '不适用', '—', '/', '100%', '≥95%',
  '2分', '二', '-5', '1.2.3', '1500%', '99.999%', '"', '"a\tb"', '<p>x</p>', '&amp;', '\u0000', '\u0007', '１２３', '\ufeff', '𠀀', '\ud800',
];

const index = fc.nat({ max: 1 << 16 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('deleteCell' as const, 'duplicateCell' as const, 'deleteLine' as const, 'duplicateLine' as const), at: index, cell: index }),
  fc.record({ op: fc.constant('swapCells' as const), at: index, cell: index, other: index }),
  fc.record({ op: fc.constant('swapLines' as const), at: index, other: index }),
  fc.record({ op: fc.constant('replaceCell' as const), at: index, cell: index, text: fc.oneof(fc.constantFrom(...CELL_TEXTS), fc.string({ maxLength: 8 })) }),
);

export function mutate(text: string, mutations: readonly Mutation[]): string {
  const lines = text.split('\n').map((line) => line.split('\t'));
  for (const m of mutations) {
    if (lines.length === 0) break;
    const at = m.at % lines.length;
    const row = lines[at];
    switch (m.op) {
      case 'deleteCell':
        row.splice(m.cell % row.length, 1);
        break;
      case 'duplicateCell': {
        const i = m.cell % row.length;
        row.splice(i, 0, row[i]);
        break;
      }
      case 'swapCells': {
        const [i, j] = [m.cell % row.length, m.other % row.length];
        [row[i], row[j]] = [row[j], row[i]];
        break;
      }
      case 'replaceCell':
        row[m.cell % row.length] = m.text;
        break;
      case 'deleteLine':
        lines.splice(at, 1);
        break;
      case 'duplicateLine':
        lines.splice(at, 0, [...row]);
        break;
      case 'swapLines': {
        const j = m.other % lines.length;
        [lines[at], lines[j]] = [lines[j], lines[at]];
        break;
      }
    }
  }
  return lines.map((row) => row.join('\t')).join('\n');
}

/** A sample's bytes after mutations, cut at `cut` (a fraction of the length, 1 = not cut). */
export function mutatedBytes(text: string, mutations: readonly Mutation[], cut: number): Uint8Array {
  const bytes = new TextEncoder().encode(mutate(text, mutations));
  return cut >= 1 ? bytes : bytes.subarray(0, Math.floor(bytes.length * cut));
}

export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 12 });
export const cutArb = fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) });
