// Entry point: a path (descriptor, folder or OVA) → findings. Read problems that leave nothing to
// validate (missing path, unreadable TAR, not XML at all) are returned as `readError`, not findings.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkDescriptor } from './descriptorRules.js';
import { type Envelope, readEnvelope } from './descriptorModel.js';
import { type Finding, FindingSink, sortFindings } from './finding.js';
import { readFolder } from './folderReader.js';
import type { OvfMajor } from './namespaces.js';
import { checkOvaOrder } from './ovaOrder.js';
import { readOva, tarDialect } from './ovaReader.js';
import type { PackageContents } from './packageContents.js';
import { extensionOf } from './packageContents.js';
import { checkPackage, localHrefs } from './packageRules.js';
import { checkPortability } from './portabilityRules.js';
import { looksLikeXml, MAX_XML_BYTES, parseXml } from './safeXml.js';
import { checkStructure } from './structureRules.js';

export interface ValidateOptions {
  /** Target OVF major version (`--ovf-version`); a descriptor of the other version is reported. */
  ovfVersion?: OvfMajor;
  /** Skip every check that needs the package's files (sizes, digests, existence). */
  descriptorOnly?: boolean;
}

export interface ValidationResult {
  path: string;
  /** No finding of severity error, and the package could be read. */
  valid: boolean;
  findings: Finding[];
  /** What the verdict does not cover, e.g. file checks skipped for a bare descriptor. */
  notes: string[];
  /** Set when the path could not be read as a package at all (exit code 2). */
  readError?: string;
  version?: OvfMajor;
  /** The descriptor text, for callers that run the XSD check too. */
  descriptorText?: string;
}

export interface DescriptorCheck {
  envelope?: Envelope;
  findings: Finding[];
}

/** Validates descriptor text alone (no files): the pure core that every path mode uses. */
export function checkDescriptorText(text: string, sink: FindingSink, options: ValidateOptions = {}): Envelope | undefined {
  const parsed = parseXml(text);
  if (!parsed.ok) {
    sink.add('OVF-ENV-001', `the descriptor is not well-formed XML: ${parsed.message}`, { line: parsed.line, column: parsed.column });
    return undefined;
  }
  const root = parsed.doc.documentElement;
  const env = readEnvelope(parsed.doc);
  if (!env || !root) {
    sink.add('OVF-ENV-001', `the root element is {${root?.namespaceURI ?? ''}}${root?.localName ?? ''}, not Envelope in an OVF 1.x or 2.x namespace`, { line: root?.lineNumber, column: root?.columnNumber });
    return undefined;
  }
  checkStructure(root, env.version, sink);
  checkDescriptor(env, sink);
  checkPortability(env, sink, options.ovfVersion === undefined ? {} : { targetVersion: options.ovfVersion });
  return env;
}

export function validateDescriptor(text: string, file = 'descriptor.ovf', options: ValidateOptions = {}): DescriptorCheck {
  const sink = new FindingSink(file);
  const envelope = checkDescriptorText(text, sink, options);
  return envelope ? { envelope, findings: sortFindings(sink.findings) } : { findings: sink.findings };
}

/** One sink per package file, plus archive-level sinks, so findings carry the right location. */
class Sinks {
  private readonly byName = new Map<string, FindingSink>();
  private readonly extra: FindingSink[] = [];
  constructor(private readonly make: (name: string) => FindingSink) {}
  for = (name: string): FindingSink => {
    let s = this.byName.get(name);
    if (!s) this.byName.set(name, (s = this.make(name)));
    return s;
  };
  archive(sink: FindingSink): FindingSink {
    this.extra.push(sink);
    return sink;
  }
  findings(): Finding[] {
    return sortFindings([...this.byName.values(), ...this.extra].flatMap((s) => s.findings));
  }
}

function result(path: string, sinks: Sinks, env: Envelope | undefined, descriptorText?: string, notes: string[] = []): ValidationResult {
  const findings = sinks.findings();
  const r: ValidationResult = { path, valid: !findings.some((f) => f.severity === 'error'), findings, notes };
  if (env) r.version = env.version;
  if (descriptorText !== undefined) r.descriptorText = descriptorText;
  return r;
}

function unreadable(path: string, readError: string): ValidationResult {
  return { path, valid: false, findings: [], notes: [], readError };
}

async function firstBlock(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const block = Buffer.alloc(512);
    const { bytesRead } = await fh.read(block, 0, 512, 0);
    return block.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function validatePath(path: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return unreadable(path, `${path}: no such file or directory`);
  try {
    if (info.isDirectory()) return await validateDirectory(path, options);
    const head = await firstBlock(path);
    if (head.length === 512 && tarDialect(head) !== null) return await validateOva(path, options);
    if (extensionOf(path) === 'ova') return unreadable(path, `${path}: not a readable TAR archive`);
    const ext = extensionOf(path);
    // A manifest or certificate stands for the package around its descriptor.
    const sibling = `${path.slice(0, -ext.length)}ovf`;
    if ((ext === 'mf' || ext === 'cert') && (await stat(sibling).catch(() => undefined))?.isFile()) {
      return { ...(await validateFolder(sibling, options)), path };
    }
    if (!looksLikeXml(head.toString('utf8'))) return unreadable(path, `${path}: neither an OVF descriptor (XML) nor an OVA (TAR)`);
    return await validateFolder(path, options);
  } catch (e) {
    return unreadable(path, `${path}: ${(e as Error).message}`);
  }
}

async function validateFolder(descriptorPath: string, options: ValidateOptions, allNames?: string[]): Promise<ValidationResult> {
  const dir = dirname(descriptorPath);
  const sinks = new Sinks((name) => new FindingSink(join(dir, name)));
  const descriptorSink = sinks.for(basename(descriptorPath));
  const size = (await stat(descriptorPath)).size;
  let env: Envelope | undefined;
  let text: string | undefined;
  let bytes: Buffer | undefined;
  if (size > MAX_XML_BYTES) descriptorSink.add('OVF-ENV-001', `the descriptor is larger than ${MAX_XML_BYTES} bytes`);
  else {
    bytes = await readFile(descriptorPath);
    text = bytes.toString('utf8');
    env = checkDescriptorText(text, descriptorSink, options);
  }
  const descriptorOnly = options.descriptorOnly === true;
  const contents = await readFolder(descriptorPath, descriptorOnly ? undefined : env, sinks.for, allNames, { packageFiles: !descriptorOnly, ...(bytes ? { descriptorBytes: bytes } : {}) });
  const referenced = env ? localHrefs(env).length : 0;
  // A descriptor given alone, with none of its files beside it, is a bare copy, not a package
  // missing everything: it is judged on the descriptor, and the result says what went unchecked.
  const bare = !descriptorOnly && allNames === undefined && referenced > 0 && contents.files.size === 1;
  checkPackage(env, contents, { filesAbsent: descriptorOnly || bare });
  const notes = descriptorOnly || bare ? [filesNotChecked(referenced, descriptorOnly ? 'flag' : 'bare')] : [];
  return result(descriptorPath, sinks, env, text, notes);
}

/** The archive as --descriptor-only sees it: the descriptor and the member names, no other file. */
function descriptorAlone(read: Omit<PackageContents, 'sinkFor'>, sinkFor: PackageContents['sinkFor']): PackageContents {
  const descriptor = read.files.get(read.descriptorName);
  const contents: PackageContents = { layout: read.layout, descriptorName: read.descriptorName, files: new Map(descriptor ? [[read.descriptorName, descriptor]] : []), sinkFor };
  if (read.allNames) contents.allNames = read.allNames;
  return contents;
}

function filesNotChecked(count: number, why: 'flag' | 'bare'): string {
  const files = `${count} referenced file${count === 1 ? '' : 's'}`;
  return why === 'flag'
    ? `file checks skipped (--descriptor-only): the existence, sizes, chunks and digests of the ${files} were not checked`
    : `file checks not possible: ${count === 1 ? 'the one referenced file is not' : `none of the ${files} is`} beside the descriptor (a bare descriptor), so existence, sizes and digests were not checked; validate the package folder or the OVA to check them`;
}

async function validateDirectory(dir: string, options: ValidateOptions): Promise<ValidationResult> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isFile()).map((e) => e.name).sort();
  const descriptors = names.filter((n) => extensionOf(n) === 'ovf');
  const first = descriptors[0];
  if (first === undefined) return unreadable(dir, `${dir}: the folder holds no .ovf descriptor`);
  const r = await validateFolder(join(dir, first), options, names);
  return { ...r, path: dir };
}

async function validateOva(path: string, options: ValidateOptions): Promise<ValidationResult> {
  const sinks = new Sinks((name) => new FindingSink(path, name));
  const archive = sinks.archive(new FindingSink(path));
  const read = await readOva(path, archive);
  const descriptorOnly = options.descriptorOnly === true;
  const contents: PackageContents = descriptorOnly ? descriptorAlone(read.contents, sinks.for) : { ...read.contents, sinkFor: sinks.for };
  let env: Envelope | undefined;
  if (read.descriptorText !== undefined) {
    const descriptorSink = sinks.for(contents.descriptorName);
    env = checkDescriptorText(read.descriptorText, descriptorSink, options);
    if (env) checkOvaOrder(env, read.order, contents.descriptorName, archive, descriptorSink);
  }
  if (contents.descriptorName !== '') checkPackage(env, contents, { filesAbsent: descriptorOnly });
  const notes = descriptorOnly && env ? [filesNotChecked(localHrefs(env).length, 'flag')] : [];
  return result(path, sinks, env, read.descriptorText, notes);
}
