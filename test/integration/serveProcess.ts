// `cloudconform serve --port 0` in a child process, as an external provider a profile points at: the
// URLs it prints (the CIMI entry point, the vCloud API root) once it listens. Shared by the external
// profile tests and the real-cloud benchmark.

import { spawn, type ChildProcess } from 'node:child_process';
import { binPath } from './cli.js';

export interface Served {
  child: ChildProcess;
  cepUrl: string;
  vcloudRoot: string;
}

export function serveReference(args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, [binPath, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`serve printed no URLs within 20 s: ${out}`));
    }, 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const cepUrl = /cloud entry point (http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(out)?.[1];
      const vcloudRoot = /vCloud API root (http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(out)?.[1];
      if (cepUrl && vcloudRoot) {
        clearTimeout(timer);
        resolve({ child, cepUrl, vcloudRoot });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it listened: ${out}`));
    });
  });
}
