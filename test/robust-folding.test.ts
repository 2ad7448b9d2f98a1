/**
 * What says where reading stopped is never folded into the count of
 * diagnostics past the cap: a form with more than 1 000 diagnostics and more
 * cells than a form may hold still lists its `too-many-cells`, with how many
 * lines were left unread.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/pipeline.js';

describe('too-many-cells past the cap of diagnostics', () => {
  it('is listed with its detail, not counted in more-diagnostics', () => {
    const head = ['项目支出绩效自评表', '项目名称\t测试项目', '主管部门\t0402009'];
    const junk = Array.from({ length: 30_000 }, (_, i) => `杂项${i}\t其他${i}`);
    const document = parse([...head, ...junk].join('\n'));
    const diagnostics = [...document.diagnostics, ...document.forms.flatMap((form) => form.diagnostics)];
    const more = diagnostics.find((d) => d.code === 'more-diagnostics');
    expect(more).toBeDefined();
    const cut = diagnostics.filter((d) => d.code === 'too-many-cells');
    expect(cut).toHaveLength(1);
    expect(cut[0].detail).toMatchObject({ scope: 'form' });
    expect(Number(cut[0].detail?.lines)).toBeGreaterThan(0);
    expect((more!.detail?.codes as Record<string, number>)['too-many-cells']).toBeUndefined();
  });
});
