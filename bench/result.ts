// One benchmark's line in bench/results.json and in the printed table.

import type { Stats } from './stats.js';

export interface BenchResult {
  name: string;
  /** What was measured and in which unit, e.g. "ms per 2,000 GETs". */
  unit: string;
  subject: Stats;
  baseline?: { name: string; stats: Stats };
  /** subject/baseline of medians, oriented so that the target reads naturally (see `ratioMeaning`). */
  ratio?: number;
  ratioMeaning?: string;
  target: string;
  met: boolean | null;
  notes: string[];
  extra?: Record<string, unknown>;
  /** When this line was measured: `npm run bench -- <names>` re-measures some lines and keeps the others. */
  measuredAt?: string;
}
