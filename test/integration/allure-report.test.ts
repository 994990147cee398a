// Allure: a run leaves allure-vitest results labelled with each check's requirement id, clause,
// feature and level (no expect() steps with whole response bodies in them), and `npm run report:allure`
// renders them as one HTML file that loads nothing from the network.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/harness/paths.js';
import { cli, runDir, scratch } from './cli.js';

interface AllureResult {
  name: string;
  status: string;
  labels: { name: string; value: string }[];
  steps: { name?: string }[];
}

describe('Allure results and report', () => {
  const reports = scratch('allure');
  let run: string;
  let results: AllureResult[];

  beforeAll(async () => {
    const res = await cli(['run', '--reports', reports, '--no-progress', '--profile', 'profiles/reference.yaml', '--quirk', 'cep-missing-machines', '--requirement', 'CIMI-CEP-001', 'CIMI-CEP-002', 'CIMI-Q-004']);
    expect(res.code, res.stderr).toBe(1);
    run = runDir(reports);
    const dir = path.join(run, 'allure-results');
    results = fs.readdirSync(dir).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as AllureResult);
  }, 180_000);
  afterAll(() => fs.rmSync(reports, { recursive: true, force: true }));

  const label = (r: AllureResult, name: string): string[] => r.labels.filter((l) => l.name === name).map((l) => l.value);

  it('labels every check with its requirement, clause, feature, level, severity and suite', () => {
    expect(results.length).toBeGreaterThanOrEqual(3);
    const cep2 = results.find((r) => label(r, 'requirement').includes('CIMI-CEP-002'));
    expect(cep2?.status).toBe('failed');
    expect(label(cep2!, 'clause')).toEqual(['DSP0263 §7.1, §5.12']);
    expect(label(cep2!, 'feature')).toEqual(['core']);
    expect(label(cep2!, 'level')).toEqual(['MUST']);
    expect(label(cep2!, 'severity')).toEqual(['critical']);
    expect(label(cep2!, 'epic')).toEqual(['cimi']);
    for (const r of results) expect(label(r, 'requirement'), r.name).toEqual([r.name.split(' ')[0]!.replace(/,$/, '')]);
  });

  it('keeps no expect() steps, which would copy response bodies past our redaction', () => {
    const texts = results.flatMap((r) => JSON.stringify(r.steps));
    expect(texts.join('')).not.toContain('expect(');
  });

  it('npm run report:allure renders one self-contained page without the analytics script', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(packageRoot, 'scripts', 'allure-report.mjs'), run], { timeout: 120_000 });
    const page = path.join(run, 'allure-report', 'index.html');
    expect(path.resolve(stdout.trim())).toBe(page);
    const html = fs.readFileSync(page, 'utf8');
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).not.toMatch(/googletagmanager|<script[^>]+src="https?:/);
    // Rendered offline, from file://, as a reader opens it (when Chromium is installed).
    const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
    if (!chromium) return;
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', `--user-data-dir=${path.join(reports, 'chromium')}`, '--virtual-time-budget=8000'];
    const { stdout: dom } = await promisify(execFile)(chromium, [...flags, '--dump-dom', pathToFileURL(page).href], { maxBuffer: 64 * 1024 * 1024, timeout: 90_000 });
    const text = dom.slice(dom.indexOf('<body')).replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain(`Total ${results.length}`);
  }, 240_000);

  it('report:allure refuses a folder without results, naming it', async () => {
    const empty = scratch('allure-empty');
    try {
      const err = await promisify(execFile)(process.execPath, [path.join(packageRoot, 'scripts', 'allure-report.mjs'), empty]).then(() => undefined, (e: { code: number; stderr: string }) => e);
      expect(err?.code).toBe(2);
      expect(err?.stderr).toContain(`${empty} has no allure-results`);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
