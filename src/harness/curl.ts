// A curl command line that replays one request. Secrets are already redacted by the caller and are
// shown as environment variable references so the line stays runnable.

/** Larger bodies are not inlined: a report line must stay readable (an oversize probe sends megabytes). */
export const MAX_INLINE_BODY = 64 * 1024;

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** `body`: the text sent, or for bytes (a package file) their count: the line then reads them from a file. */
export function curlLine(method: string, url: string, headers: Record<string, string>, body?: string | { bytes: number }): string {
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
  if (typeof body === 'object') return `${[...parts, '--data-binary', '@request-body', shellQuote(url)].join(' ')}  # request-body: the ${body.bytes} bytes sent (a package file)`;
  const inline = body === undefined || body.length <= MAX_INLINE_BODY;
  if (body !== undefined) parts.push('--data-binary', inline ? shellQuote(body) : '@request-body');
  parts.push(shellQuote(url));
  const line = parts.join(' ');
  return inline ? line : `${line}  # request-body: the ${body!.length}-character body, not inlined (its start is in the transcript)`;
}
