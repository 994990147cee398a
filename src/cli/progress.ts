// The live progress line: rewritten in place on a terminal (every check, and every second so the
// wait it shows counts up); elsewhere (CI logs) a line every 25 checks and, while checks are running,
// at least one every 30 s naming the longest-running check, so a slow or stuck provider is visible.

import type { Progress } from '../harness/collector.js';
import type { CheckResult } from '../model/run.js';

const TTY_REFRESH_MS = 1000;
export const LOG_HEARTBEAT_MS = 30_000;

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

export function progressLine(stream: NodeJS.WriteStream, heartbeatMs = LOG_HEARTBEAT_MS): Progress & { end(): void } {
  const counts = { passed: 0, failed: 0, error: 0, 'not-applicable': 0, skipped: 0 };
  const running = new Map<string, { name: string; since: number }>();
  const tty = stream.isTTY === true;
  let done = 0;
  let lastLen = 0;
  let lastWrite = Date.now();
  const waiting = (): string => {
    const oldest = [...running.values()].sort((a, b) => a.since - b.since)[0];
    return oldest ? `  running ${running.size}; longest ${seconds(Date.now() - oldest.since)}: ${oldest.name}` : '';
  };
  const line = () =>
    `  ${String(done).padStart(4)} checks  pass ${counts.passed}  fail ${counts.failed}  error ${counts.error}  n/a ${counts['not-applicable']}${waiting()}`;
  const draw = () => {
    const text = line().slice(0, (stream.columns ?? 100) - 1);
    stream.write(`\r${text.padEnd(lastLen)}`);
    lastLen = text.length;
  };
  const log = () => {
    stream.write(`${line()}\n`);
    lastWrite = Date.now();
  };
  const timer = setInterval(
    () => {
      if (tty) draw();
      else if (running.size && Date.now() - lastWrite >= heartbeatMs) log();
    },
    tty ? TTY_REFRESH_MS : Math.min(heartbeatMs, 5000),
  );
  timer.unref();
  return {
    onStart(id, name) {
      running.set(id, { name, since: Date.now() });
    },
    onCheck(id: string, r: CheckResult, n: number) {
      running.delete(id);
      counts[r.state]++;
      done = n;
      if (tty) draw();
      else if (done % 25 === 0) log();
    },
    end() {
      clearInterval(timer);
      if (tty && lastLen) stream.write(`\r${' '.repeat(lastLen)}\r`);
      lastLen = 0;
    },
  };
}
