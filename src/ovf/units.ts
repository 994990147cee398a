// DSP0004 programmatic units with base `byte` (ovf.md §5.1), plus the legacy spellings that old
// oVirt/VirtualBox output uses and consumers tolerate.

export type ByteUnit =
  | { kind: 'programmatic'; bytesPerUnit: bigint }
  | { kind: 'legacy'; bytesPerUnit: bigint }
  | { kind: 'invalid' };

const PROGRAMMATIC = /^byte(?:\s*\*\s*(2|10)\^(\d{1,3}))?$/;

const LEGACY: Record<string, bigint> = {
  bytes: 1n,
  kilobytes: 1n << 10n,
  megabytes: 1n << 20n,
  gigabytes: 1n << 30n,
  terabytes: 1n << 40n,
  kb: 1n << 10n,
  mb: 1n << 20n,
  gb: 1n << 30n,
};

export function parseByteUnit(unit: string | undefined): ByteUnit {
  if (unit === undefined) return { kind: 'programmatic', bytesPerUnit: 1n };
  const u = unit.trim();
  const m = PROGRAMMATIC.exec(u);
  if (m) {
    if (m[1] === undefined) return { kind: 'programmatic', bytesPerUnit: 1n };
    return { kind: 'programmatic', bytesPerUnit: BigInt(m[1]) ** BigInt(m[2] as string) };
  }
  const legacy = LEGACY[u.toLowerCase()];
  return legacy === undefined ? { kind: 'invalid' } : { kind: 'legacy', bytesPerUnit: legacy };
}

const LONG_MAX = (1n << 63n) - 1n;

/** xs:long, which is what `ovf:capacity` and `ovf:populatedSize` hold. */
export function parseLong(value: string | undefined): bigint | undefined {
  if (value === undefined || !/^[+-]?\d+$/.test(value.trim())) return undefined;
  const n = BigInt(value.trim());
  return n > LONG_MAX || n < -LONG_MAX - 1n ? undefined : n;
}

/** xs:unsignedLong, for `ovf:size`. */
export function parseUnsignedLong(value: string | undefined): bigint | undefined {
  if (value === undefined || !/^\+?\d+$/.test(value.trim())) return undefined;
  const n = BigInt(value.trim());
  return n >= 1n << 64n ? undefined : n;
}

/** `${key}` property reference, allowed for `ovf:capacity`. */
export function propertyReference(value: string): string | undefined {
  return /^\$\{([^}]+)\}$/.exec(value.trim())?.[1];
}

const HERTZ = /^hertz(?:\s*\*\s*10\^(\d{1,2}))?$/;

/**
 * `quantity` in a DSP0004 frequency unit (`hertz * 10^6`, as processor items write AllocationUnits) as
 * whole MHz, rounded up; undefined when either is missing or not one (no unit is not guessed at).
 */
export function megahertz(quantity: string | undefined, unit: string | undefined): number | undefined {
  const q = parseLong(quantity);
  const m = unit === undefined ? null : HERTZ.exec(unit.trim());
  if (q === undefined || q < 0n || !m) return undefined;
  const hz = q * 10n ** BigInt(m[1] ?? '0');
  const mhz = (hz + 999_999n) / 1_000_000n;
  return mhz > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(mhz);
}
