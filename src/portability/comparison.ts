// A portability run, judged: the description of the machine it started from against the one at the end
// of a leg, field by field, and for each difference the step (and leg) where it was lost. The artefacts
// on the way (each exported package, each MachineTemplate after import, each Machine) are read in order;
// a difference is charged to the step right after the last artefact that still had the starting value
// (an artefact that cannot show the field is skipped), so a value the target's templates cannot show
// and its Machine shows changed is charged to the import that took it in.

import type { ComparedField, Leg, LossStep, PortabilityRunFinding } from '../reporters/portabilityResults.js';
import { type Value, type View, familyOf } from './description.js';
import { changeOf, severityOf } from './severity.js';

export interface Artefact {
  step: LossStep;
  leg: Leg;
  view: View;
  /** Where the value was seen, for the message: "the package A exported", "B's MachineTemplate". */
  label: string;
}

export interface Trip {
  /** The leg whose end is compared with the start. */
  leg: Leg;
  /** Names of the providers at the start and the end, for messages. */
  fromName: string;
  toName: string;
  start: View;
  /** In order from the start; the last one is the description at the end of the leg. */
  chain: readonly Artefact[];
}

export interface Judged {
  compared: ComparedField[];
  findings: PortabilityRunFinding[];
}

const shown = (v: Value | undefined): string => (v === undefined ? 'none' : typeof v === 'number' ? String(v) : JSON.stringify(v));

/** The artefact whose step lost the value, and the one where the change was first seen. */
function lostAt(field: string, start: Value | undefined, chain: readonly Artefact[]): { charged: Artefact; seen: Artefact } {
  const family = familyOf(field);
  let charged = chain[0]!;
  for (const [i, a] of chain.entries()) {
    if (!a.view.shows.has(family)) continue;
    if (a.view.fields[field] !== start) return { charged, seen: a };
    charged = chain[i + 1] ?? a;
  }
  return { charged, seen: chain[chain.length - 1]! };
}

/** Fields of both ends, in a stable order: as the start lists them, then what only the end has. */
function fieldsOf(start: View, end: View): string[] {
  const both = (f: string): boolean => start.shows.has(familyOf(f)) && end.shows.has(familyOf(f));
  return [...new Set([...Object.keys(start.fields), ...Object.keys(end.fields)])].filter(both);
}

/** Every field compared at the end of `trip.leg`; the findings, each in the leg that lost it. */
export function judge(trip: Trip): Judged {
  const end = trip.chain[trip.chain.length - 1]!.view;
  const compared: ComparedField[] = [];
  const findings: PortabilityRunFinding[] = [];
  for (const field of fieldsOf(trip.start, end)) {
    const from = trip.start.fields[field];
    const to = end.fields[field];
    compared.push({ leg: trip.leg, field, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), same: from === to });
    if (from === to) continue;
    const change = changeOf(from, to);
    const { charged, seen } = lostAt(field, from, trip.chain);
    const step = charged.leg === 'back' ? `${charged.step} (back)` : charged.step;
    findings.push({
      severity: severityOf(familyOf(field), change),
      field,
      step: charged.step,
      leg: charged.leg,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      message: `${field} ${change} at ${step}: ${shown(from)} on ${trip.fromName}, ${shown(to)} on ${trip.toName} (first seen in ${seen.label})`,
    });
  }
  return { compared, findings };
}
