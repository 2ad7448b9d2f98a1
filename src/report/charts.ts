/**
 * The report's charts as inline SVG strings. Pure; used by the server-side
 * renderer (the overall charts) and by the page's script (each form's charts,
 * drawn when the form is shown). Figures are parsed here only for geometry:
 * every number written on a chart is a string of the model.
 */
import { escapeHtml as esc, shown } from './escape.js';
import type { ChartPart, CodeCount, DifferenceBar, FormView } from './model.js';
import type { ReportStrings } from './strings.js';

function toNumber(value: string | null | undefined): number {
  if (value == null || value === '') return 0;
  const parsed = parseFloat(String(value).replace(/[,%％]/g, ''));
  return isFinite(parsed) ? parsed : 0;
}

function fmt(value: number): string {
  return value.toFixed(1);
}

export function partsChart(parts: readonly ChartPart[], s: ReportStrings): string {
  if (!parts.length) return `<p class="muted">${esc(s.chartNothing)}</p>`;
  const width = 480;
  const labelWidth = 92;
  const valueWidth = 118;
  const barArea = width - labelWidth - valueWidth;
  const rowHeight = 34;
  const top = 22;
  const height = top + parts.length * rowHeight + 6;
  let max = 0;
  for (const part of parts) for (const v of [part.weight, part.declared, part.recomputed]) max = Math.max(max, toNumber(v));
  const scale = max > 0 ? barArea / max : 0;
  let body =
    `<g class="legend" font-size="11"><rect x="${labelWidth}" y="4" width="10" height="10" fill="#64748b"/><text x="${labelWidth + 14}" y="13">${esc(s.chartDeclared)}</text>` +
    `<rect x="${labelWidth + 76}" y="4" width="10" height="10" fill="#0e7490"/><text x="${labelWidth + 90}" y="13">${esc(s.chartRecomputed)}</text>` +
    `<rect x="${labelWidth + 152}" y="4" width="10" height="10" fill="#e5e7eb"/><text x="${labelWidth + 166}" y="13">${esc(s.chartWeight)}</text></g>`;
  parts.forEach((part, i) => {
    const y = top + i * rowHeight;
    const differs = part.declared !== null && part.recomputed !== null && toNumber(part.declared) !== toNumber(part.recomputed);
    body +=
      `<g class="part" data-label="${esc(part.label)}">` +
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" font-size="12" fill="#1f2937">${esc(part.label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 2}" width="${fmt(toNumber(part.weight) * scale)}" height="24" fill="#e5e7eb"/>` +
      `<rect class="bar-declared" x="${labelWidth}" y="${y + 4}" width="${fmt(Math.max(0, toNumber(part.declared)) * scale)}" height="9" fill="#64748b"/>` +
      `<rect class="bar-recomputed" x="${labelWidth}" y="${y + 15}" width="${fmt(Math.max(0, toNumber(part.recomputed)) * scale)}" height="9" fill="${differs ? '#d92d20' : '#0e7490'}"/>` +
      `<text x="${labelWidth + barArea + 8}" y="${y + 17}" font-size="12" fill="${differs ? '#b42318' : '#374151'}">` +
      `${esc(shown(part.declared))} / ${esc(shown(part.recomputed))}<tspan fill="#9ca3af"> (${esc(shown(part.weight))})</tspan></text>` +
      `</g>`;
  });
  return `<svg class="parts-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(s.partsChart)}">${body}</svg>`;
}

export function rateChart(rate: FormView['rate'], s: ReportStrings): string {
  if (rate.declared === null && rate.computed === null) return `<p class="muted">${esc(s.rateNothing)}</p>`;
  const width = 380;
  const left = 64;
  const right = 20;
  const declared = toNumber(rate.declared);
  const computed = toNumber(rate.computed);
  const axis = Math.max(100, declared, computed);
  const scale = (width - left - right) / axis;
  const bars: Array<[string, string | null, string]> = [
    [s.rateDeclared, rate.declared, '#64748b'],
    [s.rateComputed, rate.computed, '#0e7490'],
  ];
  let body = '';
  bars.forEach(([label, text, colour], i) => {
    const y = 8 + i * 30;
    body +=
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="#1f2937">${esc(label)}</text>` +
      `<rect x="${left}" y="${y + 2}" width="${fmt(100 * scale)}" height="18" fill="#f3f4f6"/>` +
      (text === null
        ? `<text x="${left + 6}" y="${y + 15}" font-size="12" fill="#9ca3af">—</text>`
        : `<rect class="bar-rate" x="${left}" y="${y + 2}" width="${fmt(Math.max(0, toNumber(text)) * scale)}" height="18" fill="${colour}"/>` +
          `<text x="${left + 6}" y="${y + 15}" font-size="12" fill="#ffffff" stroke="${colour}" stroke-width="3" paint-order="stroke">${esc(text)}%</text>`);
  });
  const x100 = left + 100 * scale;
  body +=
    `<line x1="${fmt(x100)}" x2="${fmt(x100)}" y1="4" y2="70" stroke="#9ca3af" stroke-dasharray="3 3"/>` +
    `<text x="${fmt(x100)}" y="84" text-anchor="middle" font-size="11" fill="#6b7280">100%</text>` +
    `<text x="${left}" y="84" text-anchor="middle" font-size="11" fill="#6b7280">0</text>`;
  return `<svg class="rate-chart" width="${width}" height="90" viewBox="0 0 ${width} 90" role="img" aria-label="${esc(s.rateChart)}">${body}</svg>`;
}

/** Horizontal bars, one per row, scaled to the largest value; each row a link to its form when `href` is given. */
function rankedBars(
  rows: Array<{ label: string; value: number; text: string; colour: string; href: string | null; attributes: string; title?: string }>,
  ariaLabel: string,
  maxLabel: number,
): string {
  const width = 560;
  const labelWidth = 230;
  const valueWidth = 110;
  const barArea = width - labelWidth - valueWidth;
  const rowHeight = 24;
  const height = rows.length * rowHeight + 4;
  const max = Math.max(...rows.map((row) => row.value), 0);
  const scale = max > 0 ? barArea / max : 0;
  const body = rows
    .map((row, i) => {
      const y = i * rowHeight + 2;
      const label = row.label.length > maxLabel ? row.label.slice(0, maxLabel - 1) + '…' : row.label;
      const bar =
        `<title>${esc(row.title ?? row.label)}: ${esc(row.text)}</title>` +
        `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="#1f2937">${esc(label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${fmt(Math.max(1, row.value * scale))}" height="16" fill="${row.colour}"/>` +
        `<text x="${fmt(labelWidth + Math.max(1, row.value * scale) + 6)}" y="${y + 15}" font-size="12" fill="#374151">${esc(row.text)}</text>`;
      const group = `<g class="bar"${row.attributes}>${bar}</g>`;
      return row.href ? `<a href="${esc(row.href)}">${group}</a>` : group;
    })
    .join('');
  return `<svg class="ranked-chart" width="100%" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" role="img" aria-label="${esc(ariaLabel)}">${body}</svg>`;
}

/** The forms with the largest |申报 − 复核|, ranked; red where the form declares more than it recomputes to. */
export function differencesChart(bars: readonly DifferenceBar[], withoutDifference: number, s: ReportStrings): string {
  const note = withoutDifference ? `<p class="muted">${esc(s.topDifferencesNote(withoutDifference))}</p>` : '';
  if (!bars.length) return `<p class="muted">${esc(s.topDifferencesNone)}</p>${note}`;
  const rows = bars.map((bar) => ({
    label: `#${bar.id + 1} ${shown(bar.name)}`,
    value: Math.abs(toNumber(bar.difference)),
    text: bar.difference,
    colour: bar.difference.startsWith('-') ? '#f79009' : '#d92d20',
    href: `#form-${bar.id}`,
    attributes: ` data-form="${bar.id}" data-difference="${esc(bar.difference)}"`,
  }));
  return rankedBars(rows, s.topDifferencesHeading, 16) + note;
}

const SEVERITY_COLOUR = { error: '#d92d20', warning: '#f79009', info: '#2e90fa' } as const;

/** Findings (and parse errors) by code over all forms. */
export function codeCountsChart(counts: readonly CodeCount[], s: ReportStrings): string {
  if (!counts.length) return `<p class="muted">${esc(s.codeCountsNone)}</p>`;
  const rows = counts.map((entry) => ({
    // The rule in words; its code, whole, in the bar's tooltip (a code cut short would name nothing).
    label: entry.parse ? `${entry.code}（${s.codeCountsParse}）` : entry.statement || entry.code,
    title: entry.statement ? `${entry.statement}（${entry.code}）` : undefined,
    value: entry.count,
    text: `${entry.count} · ${s.codeCountsForms(entry.forms)}`,
    colour: SEVERITY_COLOUR[entry.severity],
    href: null,
    attributes: ` data-code="${esc(entry.code)}" data-severity="${entry.severity}" data-parse="${entry.parse}" data-count="${entry.count}"`,
  }));
  return rankedBars(rows, s.codeCountsHeading, 30);
}
