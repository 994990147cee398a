// The steps of a portability run, in order, each recorded with the digest of the package it made or
// took: onboard the workload on `from` and instantiate it; export it, validate the export, import it
// into `to` and instantiate it there; export it from `to` (to read what CIMI cannot show, and, with
// back, to carry it home), and with back validate, import and instantiate it on `from` again. A step
// the provider refuses or does not offer ends the leg with a finding; anything else that goes wrong
// (network, timeouts, the budget, an interrupt) is the harness's, and ends the run.

import type { CimiObject, CimiResponse } from '../cimi/cimiClient.js';
import { HarnessError } from '../model/errors.js';
import type { Exported, Imported } from '../cimi/ovfTransfer.js';
import type { PackageServer } from '../cimi/packageServer.js';
import { inspectOva } from '../ovf/inspect.js';
import type { ComparedField, Leg, LossStep, PortabilityRunFinding, PortabilityStep, StepName } from '../reporters/portabilityResults.js';
import { machineView, templateView } from './cimiViews.js';
import { type Artefact, judge } from './comparison.js';
import { type View, overlay } from './description.js';
import { packageView } from './packageView.js';
import { NotOffered, type Side } from './side.js';
import { digestOf, type Workload } from './workload.js';

export interface Journey {
  steps: PortabilityStep[];
  findings: PortabilityRunFinding[];
  compared: ComparedField[];
}

export interface JourneyInput {
  from: Side;
  to: Side;
  ps: PackageServer;
  workload: Workload;
  back: boolean;
  /** Throws when the run must stop before the next step (interrupt, run deadline). */
  checkpoint(): void;
  /** Where each step is announced as it starts. */
  log?: (line: string) => void;
}

/** A provider's SystemTemplate from an import, with its one MachineTemplate and that template's configuration. */
interface Placed {
  imported: Imported;
  template: CimiObject;
  config: CimiObject;
}

/** What a leg carried to its target: the artefacts on the way and the export the target made of it. */
interface Carried {
  chain: Artefact[];
  exported?: Exported;
}

/** `400 why`: the status, and the provider's statusMessage (which may start with the status already). */
function statusOf(res: CimiResponse): string {
  const message = String(res.body?.['statusMessage'] ?? '').trim();
  return message.startsWith(String(res.status)) ? message : `${res.status} ${message}`.trim();
}

/** Fills `out` step by step (what a run that stops half-way still reports). */
export async function travel(input: JourneyInput, out: Journey): Promise<void> {
  const { from, to, ps, workload, back } = input;

  /** Runs one step and records it; `fn` returns the step's detail, and its package when it has one. */
  async function step<T>(leg: Leg, name: StepName, side: Side, fn: () => Promise<{ value: T; detail: string; failed?: boolean; pkg?: Uint8Array }>): Promise<T> {
    input.checkpoint();
    input.log?.(`${leg === 'back' ? 'back: ' : ''}${name} on '${side.name}'`);
    const started = Date.now();
    const r = await fn();
    out.steps.push({
      leg, name, side: side.role, status: r.failed ? 'failed' : 'done',
      ...(r.pkg ? { digest: digestOf(r.pkg), bytes: r.pkg.length } : {}),
      durationMs: Date.now() - started, detail: r.detail,
    });
    return r.value;
  }
  const lose = (leg: Leg, step: LossStep, field: string, message: string, values: { from?: string; to?: string } = {}): undefined => {
    out.findings.push({ severity: 'error', field, step, leg, ...values, message });
    return undefined;
  };
  /** A refusal the step can report: NotOffered becomes a finding; everything else stays the harness's. */
  const offered = async <T>(fn: () => Promise<T>, refused: (why: string) => undefined): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof NotOffered) return refused(e.message);
      throw e;
    }
  };

  async function place(side: Side, source: string): Promise<{ res: CimiResponse; placed?: Placed }> {
    const { res, imported } = await side.import(source);
    const [machine, ...more] = imported?.machines ?? [];
    return { res, ...(imported && machine && more.length === 0 ? { placed: { imported, template: machine.template, config: machine.config } } : {}) };
  }

  /** The Machine's view; a refusal ends the leg, or (`onboarding`) the run, since there is nothing to move. */
  async function instantiate(leg: Leg, side: Side, placed: Placed, onboarding = false): Promise<View | undefined> {
    return step(leg, 'instantiate', side, async () => {
      const { res, instance } = await side.instantiate(placed.template);
      const refused = `${side.name} refused a Machine from the imported MachineTemplate: ${statusOf(res)}`;
      if (!instance && onboarding) throw new HarnessError('PRECONDITION', `the onboarded workload cannot run: ${refused}`);
      if (!instance) return { value: lose(leg, 'instantiate', 'machine', refused), detail: `refused: ${statusOf(res)}`, failed: true };
      return { value: machineView(instance.machine, instance.disks), detail: `Machine ${instance.url} (${String(instance.machine['state'] ?? '')})` };
    });
  }

  /** An export of what `side` holds: a leg's first step (`export`), or only to read it (`describe`). */
  async function exportFrom(leg: Leg, name: 'export' | 'describe', side: Side, placed: Placed): Promise<Exported | undefined> {
    return step(leg, name, side, async () => {
      const got = await offered(() => side.export(ps, placed.imported.rep), (why) => (name === 'export' ? lose(leg, 'export', 'package', why) : undefined));
      if (got?.exported) return { value: got.exported, detail: `exported ${placed.imported.url} (by ${got.exported.via})`, pkg: got.exported.bytes };
      const why = got ? `export answered ${statusOf(got.res)} and gave no package` : 'export is not offered';
      if (name === 'export' && got) lose(leg, 'export', 'package', `${side.name}: ${why}`);
      return { value: undefined, detail: name === 'describe' ? `${why}: the guest OS and the annotation are not compared` : why, failed: true };
    });
  }

  /** validation, import, instantiate and the target's export; undefined when a step ended the leg. */
  async function carry(leg: Leg, src: Side, dst: Side, exported: Exported): Promise<Carried | undefined> {
    const pkg = exported.bytes;
    const sent = await step(leg, 'validation', src, async () => {
      const { validation, envelope } = await inspectOva(pkg, 'export.ova');
      for (const f of validation.findings) {
        out.findings.push({ severity: f.severity === 'error' ? 'error' : 'info', field: 'package', step: 'validation', leg, message: `${f.rule} ${f.message} (${src.name}'s export)` });
      }
      const view = envelope && packageView(envelope);
      const errors = validation.findings.filter((f) => f.severity === 'error').length;
      if (!view) lose(leg, 'validation', 'package', `the package ${src.name} exported has no readable VirtualSystem: ${validation.readError ?? 'no descriptor'}`);
      return { value: view, detail: `${validation.findings.length} validator finding(s), ${errors} error(s)`, pkg, failed: !view || errors > 0 };
    });
    if (!sent) return undefined;
    const source = ps.serve(`/${leg}/${src.role}-export.ova`, pkg);
    const placed = await step(leg, 'import', dst, async () => {
      const got = await offered(() => place(dst, source), (why) => lose(leg, 'import', 'package', why));
      if (got?.placed) return { value: got.placed, detail: `SystemTemplate ${got.placed.imported.url}`, pkg };
      if (got && got.res.status < 300) return { value: lose(leg, 'import', 'machine', `${dst.name} imported the package but made no single MachineTemplate of it`), detail: 'no MachineTemplate', pkg, failed: true };
      if (got) lose(leg, 'import', 'package', `${dst.name} refused the package ${src.name} exported: ${statusOf(got.res)}`, { from: digestOf(pkg), to: statusOf(got.res) });
      return { value: undefined, detail: got ? `refused: ${statusOf(got.res)}` : 'import is not offered', pkg, failed: true };
    });
    if (!placed) return undefined;
    const machine = await instantiate(leg, dst, placed);
    if (!machine) return undefined;
    const next = await exportFrom(back && leg === 'there' ? 'back' : leg, back && leg === 'there' ? 'export' : 'describe', dst, placed);
    const read = next && (await inspectOva(next.bytes, 'export.ova')).envelope;
    const held = read ? packageView(read) : undefined;
    const template = templateView(placed.template, placed.config);
    const chain: Artefact[] = [
      { step: 'export', leg, view: sent, label: `the package ${src.name} exported` },
      { step: 'import', leg, view: template, label: `${dst.name}'s MachineTemplate` },
      { step: 'instantiate', leg, view: overlay(machine, template, ...(held ? [held] : [])), label: `${dst.name}'s Machine` },
    ];
    return { chain, ...(next ? { exported: next } : {}) };
  }

  // Onboarding: the trip cannot start unless `from` takes the workload and runs it.
  const source = ps.serve(`/workload/${workload.name}`, workload.bytes);
  const home = await step('there', 'onboard', from, async () => {
    const got = await offered(() => place(from, source), (why) => {
      throw new HarnessError('PRECONDITION', `the workload cannot be onboarded: ${why}`);
    });
    if (!got?.placed) throw new HarnessError('PRECONDITION', `${from.name} did not take the workload (${workload.name}): ${statusOf(got!.res)}`);
    return { value: got.placed, detail: `SystemTemplate ${got.placed.imported.url}`, pkg: workload.bytes };
  });
  const running = (await instantiate('there', from, home, true))!;
  const original = overlay(running, templateView(home.template, home.config), packageView(workload.envelope)!);

  const first = await exportFrom('there', 'export', from, home);
  const there = first && (await carry('there', from, to, first));
  if (!there) return;
  const judgedThere = judge({ leg: 'there', fromName: from.name, toName: to.name, start: original, chain: there.chain });
  out.compared.push(...judgedThere.compared);
  out.findings.push(...judgedThere.findings);
  if (!back || !there.exported) return;

  const home2 = await carry('back', to, from, there.exported);
  if (!home2) return;
  // Home again, compared with the original; what was lost on the way there is reported once, there.
  const judgedBack = judge({ leg: 'back', fromName: `${from.name} (original)`, toName: `${from.name} (home again)`, start: original, chain: [...there.chain, ...home2.chain] });
  out.compared.push(...judgedBack.compared);
  out.findings.push(...judgedBack.findings.filter((f) => f.leg === 'back'));
}
