// `validate`'s progress line on a terminal (stderr): "validated 1234/5000 · 12 invalid · 2 unreadable ·
// current: path", redrawn in place at most every 100 ms and cleared at the end. The total is what is
// known: exact once the inputs are all listed, "5000+" while they are still being counted, absent when
// nothing has counted them yet (a list on stdin). Never drawn on a log (not a TTY): results go to stdout.

export type PackageState = 'valid' | 'invalid' | 'unreadable';

export interface ValidateProgress {
  /** A validation started (the oldest still running is shown as current). */
  start(path: string): void;
  /** A validation finished with this verdict. */
  done(path: string, state: PackageState): void;
  /** A verdict changed after the fact (the XSD check made a valid package invalid). */
  reclassify(from: PackageState, to: PackageState): void;
  /** How many targets there are: `final` when all are listed, else a lower bound. */
  total(n: number, final: boolean): void;
  /** What the run is busy with instead of a package (an XSD batch); undefined to go back. */
  activity(text: string | undefined): void;
  /** Removes the line (before a result is written to the same terminal). */
  clear(): void;
  /** Redraws now, or as soon as the rate limit allows. */
  refresh(): void;
  end(): void;
}

export const PROGRESS_INTERVAL_MS = 100;

const noop: ValidateProgress = {
  start() {},
  done() {},
  reclassify() {},
  total() {},
  activity() {},
  clear() {},
  refresh() {},
  end() {},
};

/** The line itself, cut to `width` (a long current path loses its beginning, not its file name). */
export function progressText(
  s: { done: number; total: number; final: boolean; invalid: number; unreadable: number; current?: string | undefined },
  width: number,
): string {
  const total = s.final ? `/${Math.max(s.total, s.done)}` : s.total > 0 ? `/${Math.max(s.total, s.done)}+` : '';
  const head = `validated ${s.done}${total} · ${s.invalid} invalid · ${s.unreadable} unreadable`;
  if (s.current === undefined || head.length + 13 > width) return head.slice(0, width);
  const room = width - head.length - ' · current: '.length;
  const current = s.current.length <= room ? s.current : `…${s.current.slice(s.current.length - room + 1)}`;
  return `${head} · current: ${current}`;
}

/** Where the line is drawn: stderr, or a test's fake terminal. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export function validateProgress(stream: ProgressStream, intervalMs = PROGRESS_INTERVAL_MS): ValidateProgress {
  if (stream.isTTY !== true) return noop;
  const s = { done: 0, total: 0, final: false, invalid: 0, unreadable: 0 };
  const running: string[] = [];
  let busy: string | undefined;
  let lastLen = 0;
  let lastDraw = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  const count = (state: PackageState, by: number) => {
    if (state === 'invalid') s.invalid += by;
    else if (state === 'unreadable') s.unreadable += by;
  };
  const draw = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (ended) return;
    const text = progressText({ ...s, current: busy ?? running[0] }, Math.max(20, (stream.columns || 100) - 1));
    stream.write(`\r${text.padEnd(lastLen)}`);
    lastLen = text.length;
    lastDraw = Date.now();
  };
  const p: ValidateProgress = {
    start(path) {
      running.push(path);
      p.refresh();
    },
    done(path, state) {
      const i = running.indexOf(path);
      if (i >= 0) running.splice(i, 1);
      s.done++;
      count(state, 1);
      p.refresh();
    },
    reclassify(from, to) {
      count(from, -1);
      count(to, 1);
      p.refresh();
    },
    total(n, final) {
      if (s.final && !final) return;
      s.total = n;
      s.final = final;
      p.refresh();
    },
    activity(text) {
      busy = text;
      p.refresh();
    },
    clear() {
      if (lastLen) stream.write(`\r${' '.repeat(lastLen)}\r`);
      lastLen = 0;
    },
    refresh() {
      if (ended) return;
      const wait = lastDraw + intervalMs - Date.now();
      if (wait <= 0) draw();
      else if (!timer) {
        timer = setTimeout(draw, wait);
        timer.unref();
      }
    },
    end() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      p.clear();
      ended = true;
    },
  };
  return p;
}
