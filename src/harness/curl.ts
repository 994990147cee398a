// A curl command line that replays one request. Secrets are already redacted by the caller and are
// shown as environment variable references so the line stays runnable.

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlLine(method: string, url: string, headers: Record<string, string>, body?: string): string {
  const parts = ['curl', '-sS', '-i'];
  if (method !== 'GET') parts.push('-X', method);
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === 'content-length') continue;
    if (k.toLowerCase() === 'authorization') {
      // Keep the line runnable without leaking anything.
      parts.push('-H', `"Authorization: $CLOUDCONFORM_AUTHORIZATION"`);
      continue;
    }
    parts.push('-H', shellQuote(`${k}: ${v}`));
  }
  if (body !== undefined) parts.push('--data-binary', shellQuote(body));
  parts.push(shellQuote(url));
  return parts.join(' ');
}
