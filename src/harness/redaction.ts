// Secrets never reach any output: headers that carry credentials are masked by name, and every
// secret value resolved from the profile is masked wherever it appears (URLs, bodies, messages).

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-auth-token', 'x-api-key']);
export const REDACTED = '«redacted»';

export class Redactor {
  private readonly values: string[];

  constructor(secrets: readonly string[]) {
    // Longest first so a secret that contains another is masked whole; very short values would mask noise.
    this.values = [...new Set(secrets)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
    for (const s of [...this.values]) {
      // Basic auth puts the secret inside a base64 blob; mask its encodings too.
      this.values.push(encodeURIComponent(s));
    }
  }

  text(s: string): string {
    let out = s;
    for (const v of this.values) if (v && out.includes(v)) out = out.split(v).join(REDACTED);
    return out;
  }

  headers(h: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(h)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : this.text(v);
    return out;
  }
}
