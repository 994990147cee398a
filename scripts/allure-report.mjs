#!/usr/bin/env node
// `npm run report:allure [-- <run folder>]`: renders a run's Allure results (written by every
// `cloudconform run` into <run folder>/allure-results, or into each suite's folder of a run of several
// suites) as one self-contained HTML file, <run folder>/allure-report/index.html, with the Allure 3
// command-line tool (npm package `allure`, Node only). Default: the newest run folder under reports/.
// Allure's page template embeds an analytics script that cannot be switched off: it is stripped, and
// the script refuses to leave a report that still loads anything from the network.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fail = (message) => {
  process.stderr.write(`report:allure: ${message}\n`);
  process.exit(2);
};

/** The allure-results folders of a run folder: its own, or those of its suites' folders. */
function resultsDirs(folder) {
  const own = path.join(folder, 'allure-results');
  if (fs.existsSync(own)) return [own];
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(folder, d.name, 'allure-results')))
    .map((d) => path.join(folder, d.name, 'allure-results'));
}

function newestRunFolder(reports) {
  if (!fs.existsSync(reports)) fail(`no ${path.relative(process.cwd(), reports) || reports}/ folder: run \`npm start\` (or cloudconform run) first, or name a run folder`);
  const runs = fs
    .readdirSync(reports, { withFileTypes: true })
    .filter((d) => d.isDirectory() && resultsDirs(path.join(reports, d.name)).length > 0)
    .map((d) => d.name)
    .sort();
  if (runs.length === 0) fail(`no run folder with Allure results in ${reports}`);
  return path.join(reports, runs.at(-1));
}

const ANALYTICS = /<script async src="https:\/\/www\.googletagmanager\.com\/[^"]*"><\/script>\s*<script>[^<]*gtag\([^<]*<\/script>/g;

const folder = process.argv[2] ? path.resolve(process.argv[2]) : newestRunFolder(path.resolve('reports'));
if (!fs.existsSync(folder)) fail(`no such run folder: ${process.argv[2]}`);
const dirs = resultsDirs(folder);
if (dirs.length === 0) fail(`${folder} has no allure-results (a run folder of cloudconform 0.1 or later has one)`);
const out = path.join(folder, 'allure-report');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-allure-'));
try {
  const config = path.join(scratch, 'allurerc.mjs');
  fs.writeFileSync(config, `export default { name: ${JSON.stringify(`cloudconform ${path.basename(folder)}`)}, plugins: { awesome: { options: { singleFile: true } } } };\n`);
  const allure = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'allure.cmd' : 'allure');
  if (!fs.existsSync(allure)) fail('the Allure command-line tool is not installed: run `npm ci` (it is a development dependency)');
  execFileSync(allure, ['generate', ...dirs, '-o', out, '-c', config], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
const page = path.join(out, 'index.html');
const html = fs.readFileSync(page, 'utf8').replace(ANALYTICS, '');
if (/googletagmanager|gtag\(|<script[^>]+src="https?:/.test(html)) {
  fs.rmSync(out, { recursive: true, force: true });
  fail('the Allure page still loads a script from the network after stripping its analytics (a new Allure template?): report removed');
}
fs.writeFileSync(page, html);
process.stdout.write(`${path.relative(process.cwd(), page) || page}\n`);
