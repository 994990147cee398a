// Runs a command under /usr/bin/time -v: wall time and the peak RSS of the process doing the work.

import { spawnSync } from 'node:child_process';

export interface Measured {
  seconds: number;
  maxRssMiB: number;
  status: number | null;
  stdout: string;
}

export function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Measured {
  const t = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr ?? '');
  return { seconds, maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN, status: res.status, stdout: res.stdout ?? '' };
}

export function available(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}
