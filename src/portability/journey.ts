// The steps of a portability run, in order, each recorded with the digest of the package it made or
// took: onboard the workload on `from` and instantiate it; export it, validate the export, import it
// into `to` and instantiate it there; export it from `to` (to read what its API cannot show, and, with
// back, to carry it home), and with back validate, import and instantiate it on `from` again. Each
// side speaks its own API (side.ts); the journey only sees templates, machines and packages. A step
// the provider refuses or does not offer ends the leg with a finding; anything else that goes wrong
// (network, timeouts, the budget, an interrupt) is the harness's, and ends the run.

import { HarnessError } from '../model/errors.js';
import type { PackageServer } from '../cimi/packageServer.js';
import { inspectOva } from '../ovf/inspect.js';
import type { ComparedField, Leg, LossStep, PortabilityRunFinding, PortabilityStep, StepName } from '../reporters/portabilityResults.js';
import { type Artefact, judge } from './comparison.js';
import { overlay } from './description.js';
import { packageView } from './packageView.js';
import { type Exported, NotOffered, type Placed, type Running, type Side } from './side.js';
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

/** What a leg carried to its target: the artefacts on the way and the export the target made of it. */
interface Carried {
  chain: Artefact[];
  exported?: Exported;
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

  /** The machine a side runs; a refusal ends the leg, or (`onboarding`) the run, since there is nothing to move. */
  async function instantiate(leg: Leg, side: Side, placed: Placed, onboarding = false): Promise<Running | undefined> {
    return step(leg, 'instantiate', side, async () => {
      const { running, refused } = await side.instantiate(placed);
      const why = `${side.name} refused a ${side.nouns.machine} from the ${side.nouns.template}: ${refused ?? '?'}`;
      if (!running && onboarding) throw new HarnessError('PRECONDITION', `the onboarded workload cannot run: ${why}`);
      if (!running) return { value: lose(leg, 'instantiate', 'machine', why), detail: `refused: ${refused ?? '?'}`, failed: true };
      return { value: running, detail: running.detail };
    });
  }

  /** An export of what `side` runs: a leg's first step (`export`), or only to read it (`describe`). */
  async function exportFrom(leg: Leg, name: 'export' | 'describe', side: Side, placed: Placed, running: Running): Promise<Exported | undefined> {
    return step(leg, name, side, async () => {
      const got = await offered(() => side.export(placed, running, ps), (why) => (name === 'export' ? lose(leg, 'export', 'package', why) : undefined));
      if (got?.exported) {
        if (got.exported.note) out.findings.push({ severity: 'info', field: 'package', step: 'export', leg, message: got.exported.note });
        return { value: got.exported, detail: got.exported.note ? `${got.exported.detail}; ${got.exported.note}` : got.exported.detail, pkg: got.exported.bytes };
      }
      const why = got ? (got.refused ?? 'no package') : 'export is not offered';
      if (name === 'export' && got) lose(leg, 'export', 'package', `${side.name}: ${why}`);
      return { value: undefined, detail: name === 'describe' ? `${why}: what its API does not show (the annotation, on CIMI the guest OS) is not compared` : why, failed: true };
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
    const placed = await step(leg, 'import', dst, async () => {
      const got = await offered(() => dst.place({ name: `${src.role}-export.ova`, bytes: pkg }, ps), (why) => lose(leg, 'import', 'package', why));
      if (got?.placed) return { value: got.placed, detail: got.placed.detail, pkg };
      if (got?.unusable) return { value: lose(leg, 'import', 'machine', got.unusable), detail: `no single ${dst.nouns.template}`, pkg, failed: true };
      if (got) lose(leg, 'import', 'package', `${dst.name} refused the package ${src.name} exported: ${got.refused ?? '?'}`, { from: digestOf(pkg), to: got.refused ?? '?' });
      return { value: undefined, detail: got ? `refused: ${got.refused ?? '?'}` : 'import is not offered', pkg, failed: true };
    });
    if (!placed) return undefined;
    const running = await instantiate(leg, dst, placed);
    if (!running) return undefined;
    const next = await exportFrom(back && leg === 'there' ? 'back' : leg, back && leg === 'there' ? 'export' : 'describe', dst, placed, running);
    const read = next && (await inspectOva(next.bytes, 'export.ova')).envelope;
    const held = read ? packageView(read) : undefined;
    const chain: Artefact[] = [
      { step: 'export', leg, view: sent, label: `the package ${src.name} exported` },
      { step: 'import', leg, view: placed.view, label: `${dst.name}'s ${dst.nouns.template}` },
      { step: 'instantiate', leg, view: overlay(running.view, placed.view, ...(held ? [held] : [])), label: `${dst.name}'s ${dst.nouns.machine}` },
    ];
    return { chain, ...(next ? { exported: next } : {}) };
  }

  // Onboarding: the trip cannot start unless `from` takes the workload and runs it.
  const home = await step('there', 'onboard', from, async () => {
    const got = await offered(() => from.place({ name: workload.name, bytes: workload.bytes }, ps), (why) => {
      throw new HarnessError('PRECONDITION', `the workload cannot be onboarded: ${why}`);
    });
    if (!got?.placed) throw new HarnessError('PRECONDITION', `${from.name} did not take the workload (${workload.name}): ${got?.refused ?? got?.unusable ?? '?'}`);
    return { value: got.placed, detail: got.placed.detail, pkg: workload.bytes };
  });
  const running = (await instantiate('there', from, home, true))!;
  const original = overlay(running.view, home.view, packageView(workload.envelope)!);

  const first = await exportFrom('there', 'export', from, home, running);
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
