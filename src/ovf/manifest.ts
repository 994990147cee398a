// The .mf manifest (DSP0243 5.1): `ALG(name)= hexdigest` LF. Parsed tolerantly (spaces around the
// parentheses and "=", CRLF, upper-case hex, no final newline), with the tolerated variants reported
// as portability findings because ESXi and some desktop products each reject one of the forms.
import type { FindingSink } from './finding.js';
import type { OvfMajor } from './namespaces.js';

export const DIGEST_HEX_LENGTH = { SHA1: 40, SHA256: 64, SHA512: 128 } as const;
export type DigestAlgorithm = keyof typeof DIGEST_HEX_LENGTH;
export const ALGORITHMS = Object.keys(DIGEST_HEX_LENGTH) as DigestAlgorithm[];
/** Node's crypto name for each manifest algorithm token. */
export const NODE_HASH: Record<DigestAlgorithm, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };

export interface ManifestEntry {
  algorithm: DigestAlgorithm;
  file: string;
  /** Lower-case hex. */
  digest: string;
  line: number;
}

const TOLERANT = /^\s*([A-Za-z0-9-]+)\s*\((.*)\)\s*=\s*([0-9A-Fa-f]*)\s*$/;

function isAlgorithm(token: string): token is DigestAlgorithm {
  return token in DIGEST_HEX_LENGTH;
}

/** Parses the manifest, reporting grammar problems; returns the usable entries. */
export function parseManifest(text: string, version: OvfMajor | undefined, sink: FindingSink): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  const variants = new Map<string, number>();
  const note = (variant: string, line: number): void => {
    if (!variants.has(variant)) variants.set(variant, line);
  };
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  else if (text.length > 0) note('the last line has no line feed', lines.length);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.endsWith('\r')) note('CRLF line ends', line);
    const content = raw.replace(/\r$/, '');
    if (content.trim() === '') {
      note('blank lines', line);
      return;
    }
    const m = TOLERANT.exec(content);
    if (!m) {
      sink.add('OVF-MF-001', `line ${line} is not "ALG(file)= hexdigest": ${JSON.stringify(content.slice(0, 80))}`, { line, column: 1 });
      return;
    }
    const [, token = '', file = '', hex = ''] = m;
    const algorithm = token.toUpperCase();
    if (!isAlgorithm(algorithm)) {
      sink.add('OVF-MF-001', `line ${line}: unknown digest algorithm "${token}" (SHA1, SHA256 or SHA512)`, { line, column: 1 });
      return;
    }
    if (hex.length !== DIGEST_HEX_LENGTH[algorithm]) {
      sink.add('OVF-MF-001', `line ${line}: a ${algorithm} digest has ${DIGEST_HEX_LENGTH[algorithm]} hex digits, not ${hex.length}`, { line, column: content.indexOf('=') + 1 });
      return;
    }
    if (/[A-F]/.test(hex)) note('upper-case hex digits', line);
    if (content.replace(hex, hex.toLowerCase()) !== `${algorithm}(${file.trim()})= ${hex.toLowerCase()}`) {
      note('spaces around "(", ")" or "=", or a lower-case algorithm name', line);
    }
    entries.push({ algorithm, file: file.trim(), digest: hex.toLowerCase(), line });
  });
  for (const [variant, line] of variants) {
    sink.add('OVF-MF-009', `manifest uses ${variant}; canonical is "SHA256(file)= hex" with LF line ends`, { line });
  }
  const expected: DigestAlgorithm | undefined = version === 1 ? 'SHA1' : version === 2 ? 'SHA256' : undefined;
  const other = entries.find((e) => expected !== undefined && e.algorithm !== expected);
  if (other && expected) {
    sink.add(version === 1 ? 'OVF-MF-002' : 'OVF-MF-003', `OVF ${version}.x manifest uses ${other.algorithm}; ${expected} is the algorithm OVF ${version}.x defines`, { line: other.line });
  }
  return entries;
}

/** Writes a canonical manifest. */
export function formatManifest(entries: { algorithm: DigestAlgorithm; file: string; digest: string }[]): string {
  return entries.map((e) => `${e.algorithm}(${e.file})= ${e.digest}\n`).join('');
}
