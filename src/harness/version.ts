// The tool's own version, from package.json (shown by --version and recorded in every results.json).
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from './paths.js';

export function toolVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
