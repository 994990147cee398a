// ResourceMetadata (§5.11): per described type its attributes with the four constraint flags, its
// capabilities (query parameters on the CloudEntryPoint, creation and state options on Machine) and
// its actions. Derived from the type table, so what is advertised is what is implemented.

import { type Context, actionUri } from './context.js';
import { MACHINE_ACTIONS, INITIAL_STATES } from './machineStateMachine.js';
import { REPRESENTATION_ONLY, typeDef } from './schema.js';
import type { Values } from './store.js';

type Capability = [name: string, value: unknown, description: string];

const CAPABILITIES: Record<string, Capability[]> = {
  CloudEntryPoint: [
    ['FilterParameter', true, '$filter on collections (full §4.1.6.1 grammar)'],
    ['FirstParameter', true, '$first and $last on collections'],
    ['SelectParameter', true, '$select on resources and collections'],
    ['ExpandParameter', true, '$expand of reference attributes'],
    ['FormatParameter', true, '$format=json|xml'],
    ['OrderByParameter', true, '$orderby on collections'],
    ['QueryPathNotation', true, '<collection>/<attribute> in $select'],
  ],
  Machine: [
    ['MachineTemplateByValue', true, 'machineTemplate may be given by value'],
    ['MachineConfigByValue', true, 'machineConfig may be given by value'],
    ['InitialStates', INITIAL_STATES.join(','), 'allowed MachineTemplate initialState values'],
    ['MachineStopForce', true, 'force is honoured on stop and restart'],
    ['MachineStopForceDefault', false, 'stop is graceful unless force=true'],
  ],
  Credential: [['CredentialTemplateByValue', true, 'credentialTemplate may be given by value']],
};

const ACTIONS: Record<string, readonly string[]> = { Machine: MACHINE_ACTIONS, SystemTemplate: ['import', 'export'] };

/** The types described in the CEP's resourceMetadata collection. */
export function describedTypes(ctx: Context): string[] {
  return ['CloudEntryPoint', 'Machine', 'MachineTemplate', 'MachineConfiguration', 'MachineImage', 'Credential', 'CredentialTemplate', 'SystemTemplate', ...(ctx.jobs ? ['Job'] : [])];
}

function capabilityUri(ctx: Context, type: string, name: string): string {
  return ctx.quirk('capability-uri-wrong') ? `${ctx.ns}/capabilities/${name}` : `${ctx.ns}/capability/${type}/${name}`;
}

/** Capabilities new in 2.0 (levels-verified.md C.2), not advertised by a 1.x provider. */
const SINCE_2_0 = new Set(['OrderByParameter', 'QueryPathNotation']);

export function metadataValues(ctx: Context, type: string): Values {
  const v1 = ctx.specVersion !== '2.0';
  const attributes = typeDef(type)
    .attributes.filter((a) => !REPRESENTATION_ONLY.has(a.name))
    .map((a) =>
      ctx.quirk('rm-flags-missing')
        ? { name: a.name }
        : v1
        ? { name: a.name, required: a.consumerMandatory ?? false }
        : {
            name: a.name,
            providerMandatory: a.providerMandatory ?? true,
            consumerMandatory: a.consumerMandatory ?? false,
            mutable: a.mutable ?? true,
            consumerWritable: a.consumerWritable ?? true,
          },
    );
  return {
    name: type,
    typeURI: `${ctx.ns}/${type}`,
    attributes,
    capabilities: (CAPABILITIES[type] ?? []).filter(([name]) => !(v1 && SINCE_2_0.has(name))).map(([name, value, description]) => ({ name, uri: capabilityUri(ctx, type, name), description, value })),
    actions: (ACTIONS[type] ?? []).map((name) => ({
      name,
      uri: actionUri(ctx, name),
      description: `${name} the ${type}`,
      method: 'POST',
      inputMessage: 'application/json',
      outputMessage: 'application/json',
    })),
  };
}
