// What the provider holds at start-up: its CloudEntryPoint, the ResourceMetadata entries, and a few
// configurations, images, templates and a credential template, so a consumer can create Machines
// without creating anything else first.

import { type Context, cepUrl, collectionUrl } from './context.js';
import { describedTypes, metadataValues } from './metadata.js';
import { COLLECTIONS } from './schema.js';
import type { Values } from './store.js';

const GiB_IN_KiB = 1024 * 1024;
const GB_IN_KB = 1000 * 1000;

const disk = (gb: number): Values => ({ capacity: gb * GB_IN_KB, format: 'ext4', initialLocation: '/dev/vda' });

const CONFIGS: Values[] = [
  { name: 'small', description: '1 vCPU, 1 GiB', cpu: 1, memory: GiB_IN_KiB, disks: [disk(10)], cpuArch: 'x86_64', cpuSpeed: 2000 },
  { name: 'medium', description: '2 vCPU, 4 GiB', cpu: 2, memory: 4 * GiB_IN_KiB, disks: [disk(20), { ...disk(50), initialLocation: '/dev/vdb' }], cpuArch: 'x86_64', cpuSpeed: 2400 },
  { name: 'large-arm', description: '16 vCPU, 64 GiB', cpu: 16, memory: 64 * GiB_IN_KiB, disks: [disk(100)], cpuArch: 'ARM', cpuSpeed: 3000 },
];

const IMAGES: Values[] = [
  { name: 'ubuntu-24.04', description: 'Ubuntu 24.04 LTS', imageLocation: 'https://images.example.org/ubuntu-24.04.qcow2' },
  { name: 'debian-12', description: 'Debian 12', imageLocation: 'https://images.example.org/debian-12.qcow2' },
];

export function seed(ctx: Context): void {
  const now = ctx.now();
  const add = (type: string, collection: string, values: Values): string =>
    ctx.store.add(type, ctx.store.newId(collection), { ...values, created: now, updated: now }).id;

  const collections = COLLECTIONS.filter((c) => (c.attr !== 'jobs' || ctx.jobs) && !(c.attr === 'machines' && ctx.quirk('cep-missing-machines')));
  ctx.store.add('CloudEntryPoint', cepUrl(ctx), {
    name: 'cloudconform reference provider',
    description: 'In-memory DSP0263 provider for conformance runs',
    created: now,
    updated: now,
    baseURI: ctx.quirk('baseuri-without-slash') ? ctx.baseUrl.slice(0, -1) : ctx.baseUrl,
    ...Object.fromEntries(collections.map((c) => [c.attr, { href: collectionUrl(ctx, c.attr) }])),
  });
  for (const type of describedTypes(ctx)) {
    ctx.store.add('ResourceMetadata', `${collectionUrl(ctx, 'resourceMetadata')}/${type}`, { ...metadataValues(ctx, type), created: now });
  }
  const [small, medium] = CONFIGS.map((c) => add('MachineConfiguration', 'machineConfigs', c));
  const [ubuntu] = IMAGES.map((i) => add('MachineImage', 'machineImages', { ...i, state: 'AVAILABLE', type: 'IMAGE' }));
  add('MachineTemplate', 'machineTemplates', {
    name: 'small-ubuntu',
    description: 'small config, Ubuntu image, created STOPPED',
    machineConfig: { href: small },
    machineImage: { href: ubuntu },
  });
  add('MachineTemplate', 'machineTemplates', {
    name: 'medium-ubuntu-started',
    description: 'medium config, Ubuntu image, created STARTED',
    initialState: 'STARTED',
    machineConfig: { href: medium },
    machineImage: { href: ubuntu },
  });
  add('CredentialTemplate', 'credentialTemplates', { name: 'admin-user', description: 'user name only', parameters: { userName: 'admin' } });
}
