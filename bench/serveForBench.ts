// A server in its own process, so the load generator (the parent) does not share its event loop:
// `reference` is the embedded reference provider, `bare` a plain node:http server answering every
// request with a fixed JSON body (the ceiling of what any Node server can do here).
// Prints the base URL on stdout, then serves until killed.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startReferenceProvider } from '../src/reference/server.js';

const kind = process.argv[2];
if (kind === 'reference') {
  const p = await startReferenceProvider({ transitionMs: 0 });
  process.stdout.write(`${p.cepUrl}\n`);
} else if (kind === 'bare') {
  const body = JSON.stringify({ resourceURI: 'http://schemas.dmtf.org/cimi/2/Machine', id: 'x', name: 'fixed', cpu: 2, memory: 4194304 });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const location = `http://${req.headers.host ?? '127.0.0.1'}/cimi/machines/x`;
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), location });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cimi/cloudEntryPoint\n`));
} else {
  process.stderr.write('usage: serveForBench.ts reference|bare\n');
  process.exit(2);
}
