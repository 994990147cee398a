// The .cert file (DSP0243 5.1): `ALG(pkg.mf)= <hex signature of the manifest>` then one PEM
// X.509 certificate whose public key verifies that signature over the manifest bytes.
import { verify, X509Certificate } from 'node:crypto';
import type { FindingSink } from './finding.js';
import { DIGEST_HEX_LENGTH, type DigestAlgorithm, NODE_HASH } from './manifest.js';

const SIGNATURE_LINE = /^\s*([A-Za-z0-9]+)\s*\((.*)\)\s*=\s*([0-9A-Fa-f]+)\s*$/;
const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function checkCertificate(certText: string, manifestName: string, manifestBytes: Buffer | undefined, sink: FindingSink): void {
  const firstLine = certText.split('\n').find((l) => l.trim() !== '') ?? '';
  const m = SIGNATURE_LINE.exec(firstLine.replace(/\r$/, ''));
  const pems = certText.match(PEM) ?? [];
  const algorithm = m?.[1]?.toUpperCase();
  if (!m || !algorithm || !(algorithm in DIGEST_HEX_LENGTH)) {
    sink.add('OVF-CERT-001', 'the certificate file must start with "ALG(manifest.mf)= <hex signature>"', { line: 1 });
    return;
  }
  if (m[2]?.trim() !== manifestName) sink.add('OVF-CERT-001', `the signature line names "${m[2]?.trim()}", not the manifest "${manifestName}"`, { line: 1 });
  if (pems.length !== 1) {
    sink.add('OVF-CERT-001', `expected one PEM certificate after the signature line, found ${pems.length}`, { line: 2 });
    return;
  }
  if (!manifestBytes) return; // no manifest: OVF-PKG-004 reports it
  let ok = false;
  try {
    const cert = new X509Certificate(pems[0] as string);
    ok = verify(NODE_HASH[algorithm as DigestAlgorithm], manifestBytes, cert.publicKey, Buffer.from(m[3] as string, 'hex'));
  } catch (e) {
    sink.add('OVF-CERT-001', `the certificate cannot be read: ${(e as Error).message}`, { line: 2 });
    return;
  }
  if (!ok) sink.add('OVF-CERT-002', `the signature does not verify over ${manifestName} with the certificate's public key`, { line: 1 });
}
