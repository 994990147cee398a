// The semantic model of an OVF envelope (1.x and 2.x): plain data with source positions, so rules
// read fields instead of walking XML, and generators can build envelopes the serialiser writes.
// Element order and unknown elements are the structure rules' business (structureRules.ts).
import type { Document, Element } from './xmlTree.js';
import type { Pos } from './finding.js';
import { ITEM_NAMESPACE, type ItemKind, type OvfMajor, ovfMajorOf, VSSD, XML_NS } from './namespaces.js';
import { attrNS, childNamed, childrenNamed, elementChildren, posOf, text } from './xmlDom.js';

export interface OvfFile { id?: string; href?: string; size?: string; compression?: string; chunkSize?: string; pos?: Pos }
export interface Disk {
  diskId?: string; fileRef?: string; capacity?: string; capacityAllocationUnits?: string;
  format?: string; populatedSize?: string; parentRef?: string; pos?: Pos;
}
export interface DiskSection { info?: string; disks: Disk[]; pos?: Pos }
export interface Network { name?: string; description?: string; pos?: Pos }
export interface NetworkSection { info?: string; networks: Network[]; pos?: Pos }
export interface Configuration { id?: string; default?: string; label?: string; description?: string; pos?: Pos }
export interface DeploymentOptionSection { info?: string; configurations: Configuration[]; pos?: Pos }
/** CIM settings as local name → values (Connection and HostResource may repeat); written in schema order. */
export type CimProps = Record<string, string[]>;
export interface HardwareItem { kind: ItemKind; required?: string; configuration?: string; bound?: string; props: CimProps; pos?: Pos }
export interface HardwareSection { info?: string; id?: string; transport?: string; system?: CimProps; items: HardwareItem[]; pos?: Pos }
export interface PropertyValue { value?: string; configuration?: string; pos?: Pos }
export interface Property {
  key?: string; type?: string; qualifiers?: string; value?: string; userConfigurable?: string;
  password?: string; configuration?: string; label?: string; description?: string; values: PropertyValue[]; pos?: Pos;
}
export interface ProductSection { info?: string; class?: string; instance?: string; product?: string; vendor?: string; version?: string; properties: Property[]; pos?: Pos }
export interface OperatingSystemSection { info?: string; id?: string; version?: string; description?: string; pos?: Pos }
export interface InstallSection { info?: string; initialBootStopDelay?: string; pos?: Pos }
export interface AnnotationSection { info?: string; annotation?: string; pos?: Pos }
export interface EulaSection { info?: string; license?: string; pos?: Pos }
export interface StartupItem { id?: string; order?: string; startAction?: string; stopAction?: string; pos?: Pos }
export interface StartupSection { info?: string; items: StartupItem[]; pos?: Pos }
export interface ScaleOutSection { info?: string; id?: string; counts: { minimum?: string; default?: string; maximum?: string; pos?: Pos }[]; pos?: Pos }
export interface EnvironmentFilesSection { info?: string; files: { fileRef?: string; path?: string; pos?: Pos }[]; pos?: Pos }
export interface PlacementGroupSection { info?: string; id?: string; policy?: string; pos?: Pos }
export interface PlacementSection { info?: string; group?: string; pos?: Pos }

export interface Content {
  kind: 'VirtualSystem' | 'VirtualSystemCollection';
  id?: string;
  info?: string;
  name?: string;
  operatingSystem?: OperatingSystemSection;
  install?: InstallSection;
  annotation?: AnnotationSection;
  eulas: EulaSection[];
  products: ProductSection[];
  hardware: HardwareSection[];
  startup?: StartupSection;
  scaleOut?: ScaleOutSection;
  environmentFiles?: EnvironmentFilesSection;
  placement?: PlacementSection;
  children: Content[];
  pos?: Pos;
}

export interface StringBundle { lang?: string; fileRef?: string; msgs: { msgid?: string; text?: string; pos?: Pos }[]; pos?: Pos }

export interface Envelope {
  version: OvfMajor;
  lang?: string;
  files: OvfFile[];
  diskSection?: DiskSection;
  networkSection?: NetworkSection;
  deploymentOptions?: DeploymentOptionSection;
  placementGroups: PlacementGroupSection[];
  content?: Content;
  strings: StringBundle[];
  pos?: Pos;
}

/** Reads the model from a parsed descriptor; undefined when the root is not an OVF 1.x/2.x Envelope. */
export function readEnvelope(doc: Document): Envelope | undefined {
  const root = doc.documentElement;
  const version = ovfMajorOf(root?.namespaceURI);
  if (!root || !version || root.localName !== 'Envelope') return undefined;
  return new Reader(root.namespaceURI as string).envelope(root, version);
}

/**
 * The sections of an element that holds them the way a VirtualSystem does (Info, Name, ProductSection,
 * VirtualHardwareSection, OperatingSystemSection…) in OVF namespace `ns`: e.g. a vCloud Vm, whose
 * representation carries its VirtualSystem's sections.
 */
export function readSections(el: Element, ns: string): Content {
  return new Reader(ns).content(el);
}

class Reader {
  constructor(private readonly ns: string) {}

  private attrs<N extends string>(el: Element, names: readonly N[]): { [K in N]?: string } {
    const out: { [K in N]?: string } = {};
    for (const n of names) {
      const v = attrNS(el, this.ns, n);
      if (v !== undefined) out[n] = v;
    }
    return out;
  }

  private childText(el: Element, name: string): string | undefined {
    return text(childNamed(el, this.ns, name));
  }

  private section<T extends { info?: string; pos?: Pos }>(el: Element, rest: Omit<T, 'info' | 'pos'>): T {
    return { ...(rest as T), ...defined({ info: this.childText(el, 'Info') }), pos: posOf(el) };
  }

  private only(parent: Element, name: string): Element | undefined {
    return childNamed(parent, this.ns, name);
  }

  envelope(root: Element, version: OvfMajor): Envelope {
    const ns = this.ns;
    const refs = this.only(root, 'References');
    const env: Envelope = {
      version,
      ...defined({ lang: attrNS(root, XML_NS, 'lang') }),
      files: refs
        ? childrenNamed(refs, ns, 'File').map((f) => ({
            ...this.attrs(f, ['id', 'href', 'size', 'compression', 'chunkSize']),
            pos: posOf(f),
          }))
        : [],
      placementGroups: childrenNamed(root, ns, 'PlacementGroupSection').map((s) =>
        this.section<PlacementGroupSection>(s, this.attrs(s, ['id', 'policy'])),
      ),
      strings: childrenNamed(root, ns, 'Strings').map((s) => ({
        ...defined({ lang: attrNS(s, XML_NS, 'lang'), fileRef: attrNS(s, ns, 'fileRef') }),
        msgs: childrenNamed(s, ns, 'Msg').map((m) => ({
          ...defined({ msgid: attrNS(m, ns, 'msgid'), text: text(m) }),
          pos: posOf(m),
        })),
        pos: posOf(s),
      })),
      pos: posOf(root),
    };
    const disks = this.only(root, 'DiskSection');
    if (disks) {
      env.diskSection = this.section<DiskSection>(disks, {
        disks: childrenNamed(disks, ns, 'Disk').map((d) => ({
          ...this.attrs(d, ['diskId', 'fileRef', 'capacity', 'capacityAllocationUnits', 'format', 'populatedSize', 'parentRef']),
          pos: posOf(d),
        })),
      });
    }
    const nets = this.only(root, 'NetworkSection');
    if (nets) {
      env.networkSection = this.section<NetworkSection>(nets, {
        networks: childrenNamed(nets, ns, 'Network').map((n) => ({
          ...this.attrs(n, ['name']),
          ...defined({ description: this.childText(n, 'Description') }),
          pos: posOf(n),
        })),
      });
    }
    const options = this.only(root, 'DeploymentOptionSection');
    if (options) {
      env.deploymentOptions = this.section<DeploymentOptionSection>(options, {
        configurations: childrenNamed(options, ns, 'Configuration').map((c) => ({
          ...this.attrs(c, ['id', 'default']),
          ...defined({ label: this.childText(c, 'Label'), description: this.childText(c, 'Description') }),
          pos: posOf(c),
        })),
      });
    }
    const content = elementChildren(root).find(
      (c) => c.namespaceURI === ns && (c.localName === 'VirtualSystem' || c.localName === 'VirtualSystemCollection'),
    );
    if (content) env.content = this.content(content);
    return env;
  }

  content(el: Element): Content {
    const ns = this.ns;
    const c: Content = {
      kind: el.localName as Content['kind'],
      ...this.attrs(el, ['id']),
      ...defined({ info: this.childText(el, 'Info'), name: this.childText(el, 'Name') }),
      eulas: childrenNamed(el, ns, 'EulaSection').map((s) =>
        this.section<EulaSection>(s, defined({ license: this.childText(s, 'License') })),
      ),
      products: childrenNamed(el, ns, 'ProductSection').map((s) => this.product(s)),
      hardware: childrenNamed(el, ns, 'VirtualHardwareSection').map((s) => this.hardware(s)),
      children: elementChildren(el)
        .filter((k) => k.namespaceURI === ns && (k.localName === 'VirtualSystem' || k.localName === 'VirtualSystemCollection'))
        .map((k) => this.content(k)),
      pos: posOf(el),
    };
    const os = this.only(el, 'OperatingSystemSection');
    if (os) {
      c.operatingSystem = this.section<OperatingSystemSection>(os, {
        ...this.attrs(os, ['id', 'version']),
        ...defined({ description: this.childText(os, 'Description') }),
      });
    }
    const install = this.only(el, 'InstallSection');
    if (install) c.install = this.section<InstallSection>(install, this.attrs(install, ['initialBootStopDelay']));
    const annotation = this.only(el, 'AnnotationSection');
    if (annotation) c.annotation = this.section<AnnotationSection>(annotation, defined({ annotation: this.childText(annotation, 'Annotation') }));
    const startup = this.only(el, 'StartupSection');
    if (startup) {
      c.startup = this.section<StartupSection>(startup, {
        items: childrenNamed(startup, ns, 'Item').map((i) => ({
          ...this.attrs(i, ['id', 'order', 'startAction', 'stopAction']),
          pos: posOf(i),
        })),
      });
    }
    const scale = this.only(el, 'ScaleOutSection');
    if (scale) {
      c.scaleOut = this.section<ScaleOutSection>(scale, {
        ...this.attrs(scale, ['id']),
        counts: childrenNamed(scale, ns, 'InstanceCount').map((i) => ({
          ...this.attrs(i, ['minimum', 'default', 'maximum']),
          pos: posOf(i),
        })),
      });
    }
    const envFiles = this.only(el, 'EnvironmentFilesSection');
    if (envFiles) {
      c.environmentFiles = this.section<EnvironmentFilesSection>(envFiles, {
        files: childrenNamed(envFiles, ns, 'File').map((f) => ({
          ...this.attrs(f, ['fileRef', 'path']),
          pos: posOf(f),
        })),
      });
    }
    const placement = this.only(el, 'PlacementSection');
    if (placement) c.placement = this.section<PlacementSection>(placement, this.attrs(placement, ['group']));
    return c;
  }

  product(el: Element): ProductSection {
    const ns = this.ns;
    return this.section<ProductSection>(el, {
      ...this.attrs(el, ['class', 'instance']),
      ...defined({ product: this.childText(el, 'Product'), vendor: this.childText(el, 'Vendor'), version: this.childText(el, 'Version') }),
      // Category elements only group properties for display; the model keeps the properties.
      properties: childrenNamed(el, ns, 'Property').map((p) => ({
        ...this.attrs(p, ['key', 'type', 'qualifiers', 'value', 'userConfigurable', 'password', 'configuration']),
        ...defined({ label: this.childText(p, 'Label'), description: this.childText(p, 'Description') }),
        values: childrenNamed(p, ns, 'Value').map((v) => ({ ...this.attrs(v, ['value', 'configuration']), pos: posOf(v) })),
        pos: posOf(p),
      })),
    });
  }

  hardware(el: Element): HardwareSection {
    const system = this.only(el, 'System');
    const items: HardwareItem[] = [];
    for (const child of elementChildren(el)) {
      if (child.namespaceURI !== this.ns || !child.localName || !(child.localName in ITEM_NAMESPACE)) continue;
      const kind = child.localName as ItemKind;
      items.push({
        kind,
        ...this.attrs(child, ['required', 'configuration', 'bound']),
        props: cimProps(child, ITEM_NAMESPACE[kind]),
        pos: posOf(child),
      });
    }
    return this.section<HardwareSection>(el, {
      ...this.attrs(el, ['id', 'transport']),
      ...(system ? { system: cimProps(system, VSSD) } : {}),
      items,
    });
  }
}

function cimProps(el: Element, ns: string): CimProps {
  const props: CimProps = {};
  for (const c of elementChildren(el)) {
    if (c.namespaceURI !== ns || !c.localName) continue;
    (props[c.localName] ??= []).push(text(c) ?? '');
  }
  return props;
}

/** Drops undefined values so optional fields are absent rather than present-but-undefined. */
export function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

export function prop(item: { props: CimProps }, name: string): string | undefined {
  return item.props[name]?.[0];
}

/** Every Content in the tree, depth first, the top one included. */
export function allContents(top: Content | undefined): Content[] {
  return top ? [top, ...top.children.flatMap((c) => allContents(c))] : [];
}

/** Calls `report` for the second and later occurrences of each key. */
export function duplicates<T>(items: T[], key: (t: T) => string | undefined, report: (t: T, k: string) => void): void {
  const seen = new Set<string>();
  for (const it of items) {
    const k = key(it);
    if (k === undefined) continue;
    if (seen.has(k)) report(it, k);
    seen.add(k);
  }
}
