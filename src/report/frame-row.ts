/**
 * What the offline page's report is handed of each form for its overview
 * (src/report/apart.ts makes it), and the cells of the overview row its
 * script makes of it: those the server writes for the form.
 */
import { overviewCells } from './html.js';
import type { ClientForm } from './model.js';
import type { ReportStrings } from './strings.js';

/** A form as the overview shows it: its client data without its charts' figures and search text, and what its row shows besides. */
export interface FrameForm extends Omit<ClientForm, 'chart' | 'rate' | 'search'> {
  /** Come with the form's section. */
  chart?: ClientForm['chart'];
  rate?: ClientForm['rate'];
  /** Never handed over: the page's worker holds the forms' search texts and answers the text filter. */
  search?: undefined;
  duplicates: number[];
  ungradableReason: string | null;
  /** No finding and no diagnostic of any severity. */
  clean: boolean;
}

/** A form's section as its page writes it, and the figures of its charts. */
export interface SectionPart {
  id: number;
  html: string;
  chart: ClientForm['chart'];
  rate: ClientForm['rate'];
}

/** The cells of the overview row of a form's data, as `overviewRow` writes them. */
export function frameCells(form: FrameForm, s: ReportStrings): string {
  return overviewCells(form, s);
}
