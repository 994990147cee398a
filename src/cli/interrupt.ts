// Ctrl-C during a run: the first one aborts the work (which still cleans up and reports), a second one
// exits at once. Shared by the commands that create resources on a provider.
export interface Interrupt {
  signal: AbortSignal;
  /** Stops listening; call when the work is over. */
  dispose(): void;
}

export function onInterrupt(what: string): Interrupt {
  const controller = new AbortController();
  const onSigint = () => {
    process.stderr.write(`\ncloudconform: interrupted; ${what} (Ctrl-C again to quit now)\n`);
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.removeListener('SIGINT', onSigint) };
}
