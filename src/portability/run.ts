// One portability run (`cloudconform portability`): both providers preflighted and the budget held to
// their profiles before anything is created, the run folder and its one ledger, the journey (journey.ts)
// with every wait bounded by the profiles' limits and the run's deadline, and in the end — whatever
// happened, an interrupt included — everything created on either provider deleted, the verdict and the
// reports written.

import fs from 'node:fs';
import path from 'node:path';
import { HarnessError, UsageError } from '../model/errors.js';
import { Ledger, ledgerCounts } from '../harness/ledger.js';
import { newRunId } from '../harness/runId.js';
import { PackageServer } from '../cimi/packageServer.js';
import { Redactor } from '../harness/redaction.js';
import { createdCount } from '../harness/runCost.js';
import { toolVersion } from '../harness/version.js';
import type { PortabilityRunResults } from '../reporters/portabilityResults.js';
import { writePortabilityReports } from '../reporters/writePortabilityReports.js';
import { type Journey, travel } from './journey.js';
import { verdictOf } from './severity.js';
import type { RunClock, Side, Target } from './side.js';
import { SIDES, type SideKind } from './sides.js';
import { generatedWorkload, workloadFile } from './workload.js';

export interface PortabilityOptions {
  from: Target;
  to: Target;
  /** The OVA to onboard; a generated workload when absent. */
  packagePath?: string;
  back: boolean;
  reportsDir: string;
  /** Aborting (Ctrl-C) stops the journey at the next step or pause; the cleanup still runs. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

const times = (kind: SideKind, n: number): Record<string, number> => Object.fromEntries(Object.entries(kind.perTrip).map(([k, v]) => [k, v * n]));
const total = (c: Record<string, number>): number => Object.values(c).reduce((a, b) => a + b, 0);

function kindOf(flag: string, t: Target): SideKind {
  const kind = SIDES[t.profile.spec.name];
  if (!kind) throw new UsageError(`portability speaks ${Object.keys(SIDES).join(' and ')}; profile '${t.profile.name}' speaks ${t.profile.spec.name}`, `${flag} ${t.profile.source}: spec.name`);
  return kind;
}

async function preflightSide(flag: string, t: Target, kind: SideKind) {
  try {
    return await kind.dialect.preflight(t.profile, t.cepUrl);
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(err.message, `${flag} ${t.profile.source}`);
    throw err;
  }
}

export async function runPortability(opts: PortabilityOptions): Promise<{ results: PortabilityRunResults; dir: string }> {
  const started = new Date();
  const workload = opts.packagePath ? await workloadFile(opts.packagePath) : await generatedWorkload();
  const kinds = { from: kindOf('--from', opts.from), to: kindOf('--to', opts.to) };
  const pre = { from: await preflightSide('--from', opts.from, kinds.from), to: await preflightSide('--to', opts.to, kinds.to) };
  const plan = { from: times(kinds.from, opts.back ? 2 : 1), to: times(kinds.to, 1) };
  for (const role of ['from', 'to'] as const) {
    const { profile } = opts[role];
    if (total(plan[role]) > profile.limits.maxResources) {
      throw new UsageError(`the run creates up to ${total(plan[role])} resources on this provider but limits.maxResources is ${profile.limits.maxResources}`, `--${role} ${profile.source}`);
    }
  }
  const runId = newRunId(started);
  const dir = path.resolve(opts.reportsDir, runId);
  const ledgerFile = path.join(dir, 'ledger.jsonl');
  // The folder and its ledger exist before anything is created, so an interrupted run can be cleaned up.
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(ledgerFile, '');

  const deadline = started.getTime() + Math.min(opts.from.profile.limits.runTimeoutMs, opts.to.profile.limits.runTimeoutMs);
  let cleaning = false;
  // An interrupt or the run's deadline cut the journey's waits short; the cleanup's own are bounded by stateTimeoutMs.
  const clock: RunClock = {
    runId,
    ledgerFile,
    get deadline() {
      return cleaning ? undefined : opts.signal?.aborted ? Date.now() : deadline;
    },
  };
  const from = kinds.from.make('from', opts.from, pre.from.version.version, clock, plan.from);
  const to = kinds.to.make('to', opts.to, pre.to.version.version, clock, plan.to);
  const checkpoint = (): void => {
    if (opts.signal?.aborted) throw new HarnessError('RUN_TIMEOUT', 'interrupted');
    if (Date.now() > deadline) throw new HarnessError('RUN_TIMEOUT', 'the run reached limits.runTimeoutMs');
  };

  const harnessErrors: string[] = [];
  // Filled as the journey goes, so a run that stops half-way still reports its steps and findings.
  const journey: Journey = { steps: [], findings: [], compared: [] };
  const leftovers: PortabilityRunResults['cleanup']['leftovers'] = [];
  const ps = await PackageServer.start();
  try {
    opts.log?.(`moving a workload (${workload.name}, ${workload.digest}) from '${from.name}' to '${to.name}'${opts.back ? ' and back' : ''}`);
    await travel({ from, to, ps, workload, back: opts.back, checkpoint, ...(opts.log ? { log: opts.log } : {}) }, journey);
  } catch (err) {
    harnessErrors.push(opts.signal?.aborted ? 'interrupted (Ctrl-C): the journey stopped; what it created is deleted' : (err as Error).message);
  } finally {
    cleaning = true;
    opts.log?.('deleting what the run created on both providers (the ledger lists it)');
    for (const side of [from, to]) {
      try {
        leftovers.push(...(await side.cleanUp()).map((l) => ({ ...l, side: side.role })));
      } catch (err) {
        leftovers.push({ collection: '?', reason: `cleanup of ${side.name} failed: ${(err as Error).message}`, side: side.role });
      }
    }
    await ps.close();
  }

  const entries = Ledger.read(ledgerFile);
  const counts = ledgerCounts(entries);
  const verdict = harnessErrors.length > 0 ? 'ERROR' : verdictOf(journey.findings);
  const finished = new Date();
  const redactor = new Redactor([...opts.from.profile.secrets, ...opts.to.profile.secrets]);
  const side = (s: Side) => ({ name: s.name, endpoint: redactor.text(s.target.label), suite: s.suite, specVersion: s.specVersion });
  const cost = (s: Side) => ({ created: createdCount(entries.filter((e) => e.endpoint === s.target.cepUrl), s.machineTypes), requests: s.requestCount });
  const results: PortabilityRunResults = {
    schemaVersion: 1,
    kind: 'portability',
    tool: { name: 'cloudconform', version: toolVersion() },
    runId,
    from: side(from),
    to: side(to),
    back: opts.back,
    verdict,
    exitCode: verdict === 'PORTABLE' ? 0 : verdict === 'ERROR' ? 2 : 1,
    findings: journey.findings.map((f) => ({ ...f, message: redactor.text(f.message) })),
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    package: { source: workload.source, name: workload.name, digest: workload.digest, bytes: workload.bytes.length },
    steps: journey.steps.map((s) => ({ ...s, detail: redactor.text(s.detail) })),
    compared: journey.compared,
    cost: { from: cost(from), to: cost(to) },
    cleanup: { created: counts.created, deleted: counts.deleted, leftovers: leftovers.map((l) => ({ ...l, reason: redactor.text(l.reason) })) },
    harnessErrors: harnessErrors.map((m) => redactor.text(m)),
  };
  await writePortabilityReports(dir, results);
  return { results, dir };
}
