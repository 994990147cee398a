// Where the package's own files live, whether running from src/ (tests) or dist/ (installed CLI):
// both are two levels below the package root.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const packageRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const suitesDir = path.join(packageRoot, 'suites');
export const profilesDir = path.join(packageRoot, 'profiles');
