// Model → descriptor XML. Writes what the model holds in schema order (CIM properties sorted),
// so a generated envelope is schema-shaped and parse → serialise → parse is stable.
import type {
  CimProps, Content, Disk, Envelope, HardwareItem, HardwareSection, OvfFile, ProductSection, Property,
} from './descriptorModel.js';
import { envelopeNamespace, EPASD, ITEM_NAMESPACE, RASD, SASD, VSSD } from './namespaces.js';

const PREFIX: Record<string, string> = { [RASD]: 'rasd', [VSSD]: 'vssd', [EPASD]: 'epasd', [SASD]: 'sasd' };

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `ovf:name="value"` for each defined field, in the order given. */
function attrs(o: object, names: string[]): string {
  const rec = o as Record<string, unknown>;
  return names.filter((n) => rec[n] !== undefined).map((n) => ` ovf:${n}="${escapeXml(String(rec[n]))}"`).join('');
}

function el(name: string, body: string | undefined, pad: string): string {
  return body === undefined ? '' : `${pad}<${name}>${escapeXml(body)}</${name}>\n`;
}

function section(name: string, attributes: string, info: string | undefined, body: string, pad: string): string {
  return `${pad}<${name}${attributes}>\n${el('Info', info, `${pad}  `)}${body}${pad}</${name}>\n`;
}

function cim(props: CimProps, ns: string, pad: string): string {
  const prefix = PREFIX[ns] ?? 'cim';
  return Object.keys(props)
    .sort()
    .flatMap((k) => (props[k] ?? []).map((v) => `${pad}<${prefix}:${k}>${escapeXml(v)}</${prefix}:${k}>\n`))
    .join('');
}

function item(i: HardwareItem, pad: string): string {
  return `${pad}<${i.kind}${attrs(i, ['required', 'configuration', 'bound'])}>\n${cim(i.props, ITEM_NAMESPACE[i.kind], `${pad}  `)}${pad}</${i.kind}>\n`;
}

function hardware(h: HardwareSection, pad: string): string {
  const system = h.system ? `${pad}  <System>\n${cim(h.system, VSSD, `${pad}    `)}${pad}  </System>\n` : '';
  return section('VirtualHardwareSection', attrs(h, ['id', 'transport']), h.info, system + h.items.map((i) => item(i, `${pad}  `)).join(''), pad);
}

function property(p: Property, pad: string): string {
  const inner = el('Label', p.label, `${pad}  `) + el('Description', p.description, `${pad}  `) +
    p.values.map((v) => `${pad}  <Value${attrs(v, ['value', 'configuration'])}/>\n`).join('');
  const open = `${pad}<Property${attrs(p, ['key', 'type', 'qualifiers', 'value', 'userConfigurable', 'password', 'configuration'])}`;
  return inner === '' ? `${open}/>\n` : `${open}>\n${inner}${pad}</Property>\n`;
}

function product(p: ProductSection, pad: string): string {
  const body = el('Product', p.product, `${pad}  `) + el('Vendor', p.vendor, `${pad}  `) + el('Version', p.version, `${pad}  `) +
    p.properties.map((x) => property(x, `${pad}  `)).join('');
  return section('ProductSection', attrs(p, ['class', 'instance']), p.info, body, pad);
}

function content(c: Content, pad: string): string {
  const p = `${pad}  `;
  let body = el('Info', c.info, p) + el('Name', c.name, p);
  if (c.annotation) body += section('AnnotationSection', '', c.annotation.info, el('Annotation', c.annotation.annotation, `${p}  `), p);
  body += c.products.map((x) => product(x, p)).join('');
  body += c.eulas.map((e) => section('EulaSection', '', e.info, el('License', e.license, `${p}  `), p)).join('');
  if (c.startup) {
    body += section('StartupSection', '', c.startup.info, c.startup.items.map((i) => `${p}  <Item${attrs(i, ['id', 'order', 'startAction', 'stopAction'])}/>\n`).join(''), p);
  }
  if (c.operatingSystem) {
    const os = c.operatingSystem;
    body += section('OperatingSystemSection', attrs(os, ['id', 'version']), os.info, el('Description', os.description, `${p}  `), p);
  }
  if (c.install) body += section('InstallSection', attrs(c.install, ['initialBootStopDelay']), c.install.info, '', p);
  body += c.hardware.map((h) => hardware(h, p)).join('');
  if (c.scaleOut) {
    const s = c.scaleOut;
    body += section('ScaleOutSection', attrs(s, ['id']), s.info, s.counts.map((n) => `${p}  <InstanceCount${attrs(n, ['minimum', 'default', 'maximum'])}/>\n`).join(''), p);
  }
  if (c.environmentFiles) {
    const e = c.environmentFiles;
    body += section('EnvironmentFilesSection', '', e.info, e.files.map((f) => `${p}  <File${attrs(f, ['fileRef', 'path'])}/>\n`).join(''), p);
  }
  if (c.placement) body += section('PlacementSection', attrs(c.placement, ['group']), c.placement.info, '', p);
  body += c.children.map((k) => content(k, p)).join('');
  return `${pad}<${c.kind}${attrs(c, ['id'])}>\n${body}${pad}</${c.kind}>\n`;
}

const file = (f: OvfFile, pad: string): string => `${pad}<File${attrs(f, ['id', 'href', 'size', 'compression', 'chunkSize'])}/>\n`;
const disk = (d: Disk, pad: string): string =>
  `${pad}<Disk${attrs(d, ['diskId', 'fileRef', 'capacity', 'capacityAllocationUnits', 'format', 'populatedSize', 'parentRef'])}/>\n`;

export function serializeEnvelope(env: Envelope): string {
  const ns = envelopeNamespace(env.version);
  const v2 = env.version === 2 ? ` xmlns:epasd="${EPASD}" xmlns:sasd="${SASD}"` : '';
  const lang = env.lang === undefined ? '' : ` xml:lang="${escapeXml(env.lang)}"`;
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<Envelope xmlns="${ns}" xmlns:ovf="${ns}" xmlns:rasd="${RASD}" xmlns:vssd="${VSSD}"${v2}${lang}>\n`;
  out += `  <References>\n${env.files.map((f) => file(f, '    ')).join('')}  </References>\n`;
  if (env.diskSection) out += section('DiskSection', '', env.diskSection.info, env.diskSection.disks.map((d) => disk(d, '    ')).join(''), '  ');
  if (env.networkSection) {
    out += section('NetworkSection', '', env.networkSection.info,
      env.networkSection.networks.map((n) => `    <Network${attrs(n, ['name'])}>\n${el('Description', n.description, '      ')}    </Network>\n`).join(''), '  ');
  }
  if (env.deploymentOptions) {
    out += section('DeploymentOptionSection', '', env.deploymentOptions.info,
      env.deploymentOptions.configurations.map((c) => `    <Configuration${attrs(c, ['id', 'default'])}>\n${el('Label', c.label, '      ')}${el('Description', c.description, '      ')}    </Configuration>\n`).join(''), '  ');
  }
  out += env.placementGroups.map((g) => section('PlacementGroupSection', attrs(g, ['id', 'policy']), g.info, '', '  ')).join('');
  if (env.content) out += content(env.content, '  ');
  for (const s of env.strings) {
    const sl = s.lang === undefined ? '' : ` xml:lang="${escapeXml(s.lang)}"`;
    out += `  <Strings${sl}${attrs(s, ['fileRef'])}>\n${s.msgs.map((m) => `    <Msg${attrs(m, ['msgid'])}>${escapeXml(m.text ?? '')}</Msg>\n`).join('')}  </Strings>\n`;
  }
  return `${out}</Envelope>\n`;
}
