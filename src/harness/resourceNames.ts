// The names a run gives what it creates: every one starts with a prefix made from the run id, so the
// sweep (and a person) can find a run's leftovers by name whatever the provider lost; the rest makes
// each name unique across the run's worker threads (which share a pid) and files (which restart counters).

import { randomBytes } from 'node:crypto';

const instance = randomBytes(3).toString('hex');
let counter = 0;

export const runNamePrefix = (runId: string): string => `cc-${runId.slice(-6)}-`;

export const uniqueName = (runId: string, tag = 'r'): string => `${runNamePrefix(runId)}${tag}-${instance}-${++counter}`;
