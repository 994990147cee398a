// OVA member order (DSP0243 5.3): descriptor first; manifest and certificate right after it or
// both at the end; then the referenced files in References order, string bundles first.
import type { Envelope } from './descriptorModel.js';
import type { FindingSink } from './finding.js';
import { extensionOf, parseChunkName } from './packageContents.js';

/** `sink` takes archive-level findings; `descriptorSink` those located in the descriptor. */
export function checkOvaOrder(env: Envelope, order: string[], descriptorName: string, sink: FindingSink, descriptorSink: FindingSink): void {
  const rest = order.filter((n) => n !== descriptorName);
  const signed = rest.map((n, i) => ({ n, i })).filter(({ n }) => ['mf', 'cert'].includes(extensionOf(n)));
  if (signed.length > 0) {
    const positions = signed.map((s) => s.i);
    const atStart = positions.every((p, k) => p === k);
    const atEnd = positions.every((p, k) => p === rest.length - signed.length + k);
    if (!atStart && !atEnd) {
      sink.add('OVF-OVA-004', `${signed.map((s) => s.n).join(' and ')} must directly follow the descriptor or both be the last members`);
    }
  }
  const fileIndex = new Map(env.files.map((f, i) => [f.href, i]));
  let previous = -1;
  let previousName = '';
  for (const name of rest) {
    const index = fileIndex.get(name) ?? fileIndex.get(parseChunkName(name)?.href ?? '');
    if (index === undefined) continue;
    if (index < previous) sink.add('OVF-OVA-005', `member "${name}" comes after "${previousName}" but precedes it in References`);
    if (index >= previous) {
      previous = index;
      previousName = name;
    }
  }
  const bundles = new Set(env.strings.map((s) => s.fileRef).filter((r) => r !== undefined));
  const firstOther = env.files.findIndex((f) => !bundles.has(f.id ?? ''));
  const lateBundle = env.files.findIndex((f, i) => i > firstOther && bundles.has(f.id ?? ''));
  if (firstOther >= 0 && lateBundle >= 0) {
    descriptorSink.add('OVF-OVA-009', `string bundle "${env.files[lateBundle]?.href}" should be listed (and stored) before the other referenced files`, env.files[lateBundle]?.pos ?? {});
  }
}
