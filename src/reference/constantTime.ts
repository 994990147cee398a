// Secrets are compared in constant time: a digest of each side first, so neither the length nor the
// first differing byte shows in the answer's timing.

import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

export const sameSecret = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));
