// A run's id: its start time (UTC, to the second) and a random suffix, so run folders sort by time
// and two runs started in the same second do not collide.

import crypto from 'node:crypto';

export function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${crypto.randomBytes(3).toString('hex')}`;
}
