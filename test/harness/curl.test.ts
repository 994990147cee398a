// The curl line of a recorded exchange: runnable, secrets as a variable, and bounded in size.

import { describe, expect, it } from 'vitest';
import { MAX_INLINE_BODY, curlLine } from '../../src/harness/curl.js';

describe('curlLine', () => {
  it('inlines an ordinary body, quoted for the shell', () => {
    const line = curlLine('PUT', 'http://127.0.0.1:1/m/1', { 'Content-Type': 'application/json', Authorization: 'Basic x' }, `{"a":"it's"}`);
    expect(line).toBe(`curl -sS -i -X PUT -H 'Content-Type: application/json' -H "Authorization: $CLOUDCONFORM_AUTHORIZATION" --data-binary '{"a":"it'\\''s"}' 'http://127.0.0.1:1/m/1'`);
  });

  it('does not inline a body larger than the bound, and says so', () => {
    const line = curlLine('PUT', 'http://127.0.0.1:1/m/1', {}, 'x'.repeat(MAX_INLINE_BODY + 1));
    expect(line.length).toBeLessThan(300);
    expect(line).toContain('--data-binary @request-body');
    expect(line).toContain(`the ${MAX_INLINE_BODY + 1}-character body, not inlined`);
  });
});

describe('curlLine for bytes', () => {
  it('reads a binary body from a file and says how many bytes were sent', () => {
    const line = curlLine('PUT', 'http://127.0.0.1:1/transfer/x/disk.vmdk', { 'Content-Type': 'application/octet-stream' }, { bytes: 4096 });
    expect(line).toBe("curl -sS -i -X PUT -H 'Content-Type: application/octet-stream' --data-binary @request-body 'http://127.0.0.1:1/transfer/x/disk.vmdk'  # request-body: the 4096 bytes sent (a package file)");
  });
});
