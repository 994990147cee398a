// Repetition and summary statistics for the benchmarks. Ratios always compare medians measured
// side by side in the same run, because this machine is shared and noisy.

export interface Stats {
  min: number;
  median: number;
  max: number;
  samples: number[];
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { min: s[0]!, median, max: s[s.length - 1]!, samples };
}

/** Runs `a` and `b` alternately `times` times each, so drift in machine load hits both alike. */
export async function interleave(times: number, a: () => Promise<number>, b: () => Promise<number>): Promise<[Stats, Stats]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < times; i++) {
    as.push(await a());
    bs.push(await b());
  }
  return [stats(as), stats(bs)];
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
