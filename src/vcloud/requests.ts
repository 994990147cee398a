// Request bodies in the spec's canonical form (brief §1: a validating parser checks element order,
// cardinality and namespaces): each element in its schema order, the v1.5 namespace declared on the
// root, OVF's where an ovf: element appears. Only what the suite sends is here.

import { NS, XML_DECLARATION, textElement, xml } from './xml.js';
import type { UndeployAction } from './lifecycle.js';

const root = (name: string, attrs: Record<string, string | boolean | undefined>, ...content: (string | undefined)[]): string =>
  XML_DECLARATION + xml(name, { xmlns: NS.v15, ...attrs }, ...content);

/** UploadVAppTemplateParams (brief §5.1 step 1): name, manifestRequired, then Description. */
export function uploadParams(name: string, opts: { description?: string; manifestRequired?: boolean } = {}): string {
  return root('UploadVAppTemplateParams', { name, manifestRequired: opts.manifestRequired === undefined ? undefined : String(opts.manifestRequired) }, textElement('Description', opts.description));
}

/** CatalogItem (brief §5.1 step 7): Description, then the Entity reference. */
export function catalogItem(name: string, entityHref: string, description?: string): string {
  return root('CatalogItem', { name }, textElement('Description', description), xml('Entity', { href: entityHref }));
}

export interface NetworkConfig {
  /** Must equal the network the template's Vms connect to. */
  networkName: string;
  parentHref: string;
  fenceMode: 'bridged' | 'isolated' | 'natRouted';
}

export interface InstantiateOptions {
  name: string;
  source: string;
  description?: string;
  deploy?: boolean;
  powerOn?: boolean;
  network?: NetworkConfig;
  allEulasAccepted?: boolean;
}

/** InstantiateVAppTemplateParams in XSD 1.5 order: Description, InstantiationParams, Source, AllEULAsAccepted (brief §6). */
export function instantiateParams(o: InstantiateOptions): string {
  const network = o.network
    ? xml(
        'InstantiationParams',
        {},
        xml(
          'NetworkConfigSection',
          {},
          textElement('ovf:Info', 'The configuration parameters for logical networks'),
          xml('NetworkConfig', { networkName: o.network.networkName }, xml('Configuration', {}, xml('ParentNetwork', { href: o.network.parentHref }), textElement('FenceMode', o.network.fenceMode))),
        ),
      )
    : undefined;
  return root(
    'InstantiateVAppTemplateParams',
    { 'xmlns:ovf': o.network ? NS.ovf : undefined, name: o.name, deploy: bool(o.deploy), powerOn: bool(o.powerOn) },
    textElement('Description', o.description),
    network,
    xml('Source', { href: o.source }),
    textElement('AllEULAsAccepted', o.allEulasAccepted),
  );
}

/** CaptureVAppParams (brief §6, related vDC actions): Description, then the Source vApp. */
export function captureParams(name: string, source: string, description?: string): string {
  return root('CaptureVAppParams', { name }, textElement('Description', description), xml('Source', { href: source }));
}

const bool = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : String(b));

/** DeployVAppParams; powerOn omitted means true in 1.5 (brief §7). */
export function deployParams(powerOn?: boolean): string {
  return root('DeployVAppParams', { powerOn: bool(powerOn) });
}

/** UndeployVAppParams with an UndeployPowerAction; `''` sends the element empty, undefined leaves it out. */
export function undeployParams(action?: UndeployAction | ''): string {
  return root('UndeployVAppParams', {}, action === undefined ? undefined : action === '' ? '<UndeployPowerAction/>' : textElement('UndeployPowerAction', action));
}
