// Locates ../shared/ovf relative to the repository; tests that need it skip with a note when absent.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const sharedOvf = resolve(repoRoot, '../shared/ovf');
export const hasSharedOvf = existsSync(join(sharedOvf, 'corpus')) && existsSync(join(sharedOvf, 'xsd', 'catalog.xml'));

if (!hasSharedOvf) console.warn(`note: ${sharedOvf} not found; OVF corpus and XSD tests are skipped`);

export function tempDir(prefix = 'ovf-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
