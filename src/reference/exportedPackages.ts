// Packages produced by `export` without a destination (§5.13.1.2), served under the base URL until
// they are evicted. Bounded by count and bytes, oldest first, so repeated exports cannot grow memory.

const MAX_PACKAGES = 32;
const MAX_BYTES = 64 * 1024 * 1024;

export class ExportedPackages {
  private readonly packages = new Map<string, Buffer>();
  private seq = 0;

  constructor(private readonly baseUrl: string) {}

  /** Keeps `bytes` and returns the URL that serves them. */
  add(bytes: Buffer): string {
    const name = `export-${++this.seq}.ova`;
    this.packages.set(name, bytes);
    let total = [...this.packages.values()].reduce((n, b) => n + b.length, 0);
    for (const [oldest, b] of this.packages) {
      if (this.packages.size <= MAX_PACKAGES && total <= MAX_BYTES) break;
      if (oldest === name) break;
      this.packages.delete(oldest);
      total -= b.length;
    }
    return `${this.baseUrl}${EXPORTS_PATH}${name}`;
  }

  get(name: string): Buffer | undefined {
    return this.packages.get(name);
  }
}

/** Where exported packages live, relative to the base URL. */
export const EXPORTS_PATH = 'exports/';
