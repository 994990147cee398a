// Optional schema check (`--xsd <dir>`): DMTF DSP8023 via xmllint-wasm, offline. The catalog's
// remote schemaLocations are rewritten to the local copies, which are preloaded into xmllint's
// in-memory file system. One xmllint call per schema for the whole batch (start-up is ~150 ms).
import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative } from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { type Finding, finding } from './finding.js';
import { OVF1, OVF2 } from './namespaces.js';
import { parseXml } from './safeXml.js';

const CATALOG_NS = 'urn:oasis:names:tc:entity:xmlns:xml:catalog';
/** The entry schemas validate.sh uses per envelope namespace. */
const ENTRY: Record<string, string> = {
  [OVF1]: 'http://schemas.dmtf.org/ovf/envelope/1/dsp8023_1.1.0.xsd',
  [OVF2]: 'http://schemas.dmtf.org/ovf/envelope/2/dsp8023_2.0.1.xsd',
};
const MAX_ERRORS_PER_DOC = 20;

export interface XsdVerdict {
  name: string;
  valid: boolean;
  /** The entry schema URL used. */
  schema: string;
  errors: string[];
  findings: Finding[];
}

interface SchemaSet {
  /** Catalogued URL → flat in-memory file name. */
  byUrl: Map<string, string>;
  files: XMLFileInfo[];
}

const flat = (rel: string): string => rel.replaceAll('/', '__');

async function listXsd(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listXsd(p, base)));
    else if (e.name.endsWith('.xsd')) out.push(relative(base, p).split('\\').join('/'));
  }
  return out;
}

export async function loadSchemas(dir: string): Promise<SchemaSet> {
  const catalogText = await readFile(join(dir, 'catalog.xml'), 'utf8');
  const parsed = parseXml(catalogText);
  if (!parsed.ok) throw new Error(`${join(dir, 'catalog.xml')}: ${parsed.message}`);
  const byUrl = new Map<string, string>();
  for (const el of Array.from(parsed.doc.getElementsByTagNameNS(CATALOG_NS, 'uri'))) {
    const name = el.getAttribute('name');
    const uri = el.getAttribute('uri');
    if (name && uri) byUrl.set(name, flat(posix.normalize(uri)));
  }
  const files: XMLFileInfo[] = [];
  for (const rel of await listXsd(dir)) {
    const text = await readFile(join(dir, rel), 'utf8');
    const rewritten = text.replace(/schemaLocation\s*=\s*(["'])(.*?)\1/g, (whole, quote: string, loc: string) => {
      const target = /^[a-z]+:/i.test(loc) ? byUrl.get(loc) : flat(posix.normalize(posix.join(posix.dirname(rel), loc)));
      return target ? `schemaLocation=${quote}${target}${quote}` : whole;
    });
    files.push({ fileName: flat(rel), contents: rewritten });
  }
  return { byUrl, files };
}

function rootNamespace(text: string): string {
  const parsed = parseXml(text);
  return parsed.ok ? (parsed.doc.documentElement?.namespaceURI ?? '') : '';
}

/** Validates each document against the DSP8023 schema of its namespace (1.1.0 for anything else, as validate.sh does). */
export async function xsdValidate(docs: { name: string; text: string }[], dir: string): Promise<XsdVerdict[]> {
  const schemas = await loadSchemas(dir);
  const groups = new Map<string, number[]>();
  docs.forEach((d, i) => {
    const url = ENTRY[rootNamespace(d.text)] ?? (ENTRY[OVF1] as string);
    groups.set(url, [...(groups.get(url) ?? []), i]);
  });
  const verdicts: XsdVerdict[] = new Array(docs.length);
  for (const [url, indexes] of groups) {
    const entryName = schemas.byUrl.get(url);
    const entry = schemas.files.find((f) => f.fileName === entryName);
    if (!entry) throw new Error(`${dir}: catalog.xml maps no local file for ${url}`);
    const xml = indexes.map((i) => ({ fileName: `doc${i}.ovf`, contents: docs[i]?.text ?? '' }));
    const result = await validateXML({ xml, schema: entry, preload: schemas.files.filter((f) => f !== entry) });
    for (const i of indexes) {
      const errors = result.errors.filter((e) => e.loc?.fileName === `doc${i}.ovf` || (e.loc === null && indexes.length === 1));
      const name = docs[i]?.name ?? '';
      verdicts[i] = {
        name,
        valid: errors.length === 0,
        schema: url,
        errors: errors.map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.message)),
        findings: errors.slice(0, MAX_ERRORS_PER_DOC).map((e) =>
          finding('OVF-ENV-002', `schema: ${e.message.trim()}`, e.loc ? { file: name, line: e.loc.lineNumber } : { file: name }),
        ),
      };
    }
  }
  return verdicts;
}
