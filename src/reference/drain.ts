// A body refused for its size is read to its end (bounded) before the answer, so the client, still
// sending, reads the answer instead of a broken pipe.

export const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
export const DRAIN_TIMEOUT_MS = 10_000;

/** Reads and discards what is left of a request body, up to `limit` bytes or `timeoutMs`. */
export function drain(req: NodeJS.ReadableStream & { readableEnded?: boolean }, limit = DRAIN_LIMIT_BYTES, timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
  if (req.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      req.removeListener('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) done();
    };
    const timer = setTimeout(done, timeoutMs);
    req.on('data', onData);
    req.once('end', done);
    req.once('error', done);
    req.resume();
  });
}
