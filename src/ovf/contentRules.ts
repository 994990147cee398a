// VirtualSystem / VirtualSystemCollection and their metadata sections (DSP0243 7.2, 9.4–9.10).
import { allContents, type Content, duplicates, type Envelope, type ProductSection } from './descriptorModel.js';
import type { FindingSink, Pos } from './finding.js';
import { parseQualifiers, violation } from './qualifiers.js';

/** DSP0243 9.5.1 Table 6. */
export const PROPERTY_TYPES = ['uint8', 'sint8', 'uint16', 'sint16', 'uint32', 'sint32', 'uint64', 'sint64', 'string', 'boolean', 'real32', 'real64'];

const at = (pos: Pos | undefined): Pos => pos ?? {};

export function checkContents(env: Envelope, sink: FindingSink): void {
  const contents = allContents(env.content);
  const configurations = new Set((env.deploymentOptions?.configurations ?? []).map((c) => c.id));
  for (const c of contents) {
    const missing = [c.id === undefined ? 'ovf:id' : '', c.info === undefined ? 'an Info element' : ''].filter(Boolean);
    if (missing.length > 0) sink.add('OVF-CNT-001', `${c.kind} lacks ${missing.join(' and ')}`, at(c.pos));
    for (const p of c.products) checkProduct(p, configurations, sink);
    duplicates(c.products, (p) => `${p.class ?? ''}|${p.instance ?? ''}`, (p) =>
      sink.add('OVF-PROD-006', `another ProductSection in "${c.id ?? ''}" has the same ovf:class "${p.class ?? ''}" and ovf:instance "${p.instance ?? ''}"`, at(p.pos)),
    );
    for (const e of c.eulas) if (e.license === undefined) sink.add('OVF-EULA-001', 'EulaSection has no License', at(e.pos));
    checkStartup(c, sink);
    const os = c.operatingSystem;
    if (os && (os.id === undefined || !/^\d+$/.test(os.id) || Number(os.id) > 65535)) {
      sink.add('OVF-OS-001', `OperatingSystemSection ovf:id "${os.id ?? ''}" is not a CIM OSType code (0–65535)`, at(os.pos));
    }
    if (c.install && c.install.initialBootStopDelay === undefined) {
      sink.add('OVF-INST-001', 'InstallSection lacks ovf:initialBootStopDelay', at(c.install.pos));
    }
    for (const h of c.hardware) {
      for (const i of h.items) checkConfigurationRef(i.configuration, configurations, i.pos, sink);
    }
  }
  // Only siblings must differ (DSP0243 7.2); the same id in two different collections is allowed.
  for (const c of contents) {
    duplicates(c.children, (k) => k.id, (k, id) => sink.add('OVF-CNT-002', `ovf:id "${id}" is used by two children of VirtualSystemCollection "${c.id ?? ''}"`, at(k.pos)));
  }
  checkDeploymentOptions(env, sink);
}

function checkDeploymentOptions(env: Envelope, sink: FindingSink): void {
  const configurations = env.deploymentOptions?.configurations ?? [];
  duplicates(configurations, (c) => c.id, (c, id) => sink.add('OVF-DEPL-001', `Configuration ovf:id "${id}" is declared twice`, at(c.pos)));
  const defaults = configurations.filter((c) => c.default === 'true' || c.default === '1');
  if (defaults.length > 1) {
    sink.add('OVF-DEPL-001', `${defaults.length} Configurations are marked ovf:default="true" (${defaults.map((c) => c.id ?? '?').join(', ')}); at most one may be`, at(defaults[1]?.pos));
  }
}

function checkConfigurationRef(list: string | undefined, configurations: Set<string | undefined>, pos: Pos | undefined, sink: FindingSink): void {
  for (const id of list?.split(/\s+/).filter(Boolean) ?? []) {
    if (!configurations.has(id)) sink.add('OVF-PROD-007', `ovf:configuration "${id}" is not declared in DeploymentOptionSection`, at(pos));
  }
}

function checkProduct(p: ProductSection, configurations: Set<string | undefined>, sink: FindingSink): void {
  duplicates(p.properties, (x) => x.key, (x, key) => sink.add('OVF-PROD-008', `Property ovf:key "${key}" is used twice in one ProductSection`, at(x.pos)));
  for (const prop of p.properties) {
    duplicates(prop.values, (v) => v.configuration, (v, id) => sink.add('OVF-PROD-009', `Property "${prop.key ?? ''}" has two Value elements for configuration "${id}"`, at(v.pos)));
    const pos = at(prop.pos);
    const missing = (['key', 'type'] as const).filter((a) => prop[a] === undefined).map((a) => `ovf:${a}`);
    if (missing.length > 0) sink.add('OVF-PROD-001', `Property lacks ${missing.join(' and ')}`, pos);
    if (prop.key !== undefined && /[.:]/.test(prop.key)) sink.add('OVF-PROD-002', `Property key "${prop.key}" contains "." or ":"`, pos);
    if (prop.type !== undefined && !PROPERTY_TYPES.includes(prop.type)) sink.add('OVF-PROD-003', `Property "${prop.key ?? ''}" has type "${prop.type}", which is not an OVF property type`, pos);
    if (prop.qualifiers !== undefined) {
      const { qualifiers, errors } = parseQualifiers(prop.qualifiers);
      for (const e of errors) sink.add('OVF-PROD-004', `Property "${prop.key ?? ''}": ${e}`, pos);
      // An empty default is how a required user-supplied value is written; only real defaults are checked.
      for (const v of [prop.value, ...prop.values.map((x) => x.value)]) {
        const why = v ? violation(v, qualifiers) : undefined;
        if (why) sink.add('OVF-PROD-004', `Property "${prop.key ?? ''}": value "${v}" ${why}`, pos);
      }
    }
    checkConfigurationRef(prop.configuration, configurations, prop.pos, sink);
    for (const v of prop.values) checkConfigurationRef(v.configuration, configurations, v.pos, sink);
  }
}

function checkStartup(c: Content, sink: FindingSink): void {
  const children = new Set(c.children.map((k) => k.id));
  for (const item of c.startup?.items ?? []) {
    const pos = at(item.pos);
    if (item.id === undefined || item.order === undefined) sink.add('OVF-START-001', 'StartupSection Item needs ovf:id and ovf:order', pos);
    else if (!children.has(item.id)) sink.add('OVF-START-001', `StartupSection Item ovf:id "${item.id}" names no child of "${c.id ?? ''}"`, pos);
    if (item.startAction !== undefined && !['powerOn', 'none'].includes(item.startAction)) sink.add('OVF-START-002', `ovf:startAction "${item.startAction}" is not powerOn or none`, pos);
    if (item.stopAction !== undefined && !['powerOff', 'guestShutdown', 'none'].includes(item.stopAction)) sink.add('OVF-START-002', `ovf:stopAction "${item.stopAction}" is not powerOff, guestShutdown or none`, pos);
  }
}
