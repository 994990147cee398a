// Findings that do not break DSP0243 but are known to break real importers (ovf.md §9).
import { allContents, type Envelope, type HardwareSection, prop } from './descriptorModel.js';
import type { FindingSink } from './finding.js';
import { RESOURCE_TYPE } from './hardwareRules.js';
import type { OvfMajor } from './namespaces.js';

export interface PortabilityOptions {
  /** The OVF major version the target consumer reads (`--ovf-version`). */
  targetVersion?: OvfMajor;
}

export function checkPortability(env: Envelope, sink: FindingSink, options: PortabilityOptions = {}): void {
  if (options.targetVersion !== undefined && options.targetVersion !== env.version) {
    sink.add('OVF-V2-005', `descriptor is OVF ${env.version}.x but the target reads OVF ${options.targetVersion}.x`, env.pos ?? {});
  }
  for (const c of allContents(env.content)) for (const h of c.hardware) checkSlots(h, sink);
}

/** Two devices on one controller slot, or more than two devices on an IDE channel, collide on import. */
function checkSlots(h: HardwareSection, sink: FindingSink): void {
  const controllers = new Map(h.items.map((i) => [prop(i, 'InstanceID'), prop(i, 'ResourceType')]));
  const slots = new Map<string, number>();
  const perParent = new Map<string, number>();
  for (const item of h.items) {
    const parent = prop(item, 'Parent');
    if (parent === undefined || item.bound !== undefined) continue;
    const count = (perParent.get(parent) ?? 0) + 1;
    perParent.set(parent, count);
    if (Number(controllers.get(parent)) === RESOURCE_TYPE.ide && count === 3) {
      sink.add('OVF-RASD-010', `more than two devices on IDE controller "${parent}"`, item.pos ?? {});
    }
    const address = prop(item, 'AddressOnParent');
    if (address === undefined) continue;
    const key = `${parent}|${address}|${item.configuration ?? ''}`;
    if (slots.has(key)) sink.add('OVF-RASD-010', `two devices use AddressOnParent ${address} on controller "${parent}"`, item.pos ?? {});
    slots.set(key, 1);
  }
}
