// The live progress line: rewritten in place on a terminal, a line every few checks elsewhere (CI logs).

import type { Progress } from '../harness/collector.js';
import type { CheckResult } from '../harness/model.js';

export function progressLine(stream: NodeJS.WriteStream): Progress & { end(): void } {
  const counts = { passed: 0, failed: 0, error: 0, 'not-applicable': 0, skipped: 0 };
  const tty = stream.isTTY === true;
  let lastLen = 0;
  const line = (done: number, r?: CheckResult) =>
    `  ${String(done).padStart(4)} checks  pass ${counts.passed}  fail ${counts.failed}  error ${counts.error}  n/a ${counts['not-applicable']}` +
    (r ? `  ${r.requirements.join(',')}` : '');
  return {
    onCheck(r, done) {
      counts[r.state]++;
      if (tty) {
        const text = line(done, r).slice(0, (stream.columns ?? 100) - 1);
        stream.write(`\r${text.padEnd(lastLen)}`);
        lastLen = text.length;
      } else if (done % 25 === 0) stream.write(`${line(done)}\n`);
    },
    end() {
      if (tty && lastLen) stream.write(`\r${' '.repeat(lastLen)}\r`);
    },
  };
}
