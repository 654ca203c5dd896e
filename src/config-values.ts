/*
 * The parsers of single settings: each reads one value, pushes a problem that says what was
 * expected and what was received, and returns what the setting means (config.ts reads them all).
 */

const SCHEDULE_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** WEBHOOK_RETRY_SCHEDULE: durations like 5s, 30s, 2m, 1h, 1d (or ms), separated by commas; at least one, each at most 7 days. */
export function parseSchedule(raw: string | undefined, problems: string[]): number[] {
  const value = raw?.trim() || '5s,30s,2m,10m,1h,6h';
  const steps = value.split(',').map((step) => step.trim());
  const parsed = steps.map((step) => {
    const match = /^(\d+)(ms|s|m|h|d)$/.exec(step);
    return match ? Number(match[1]) * SCHEDULE_UNITS[match[2]] : NaN;
  });
  if (parsed.some((ms) => !Number.isFinite(ms) || ms > 7 * 86_400_000) || parsed.length > 50) {
    problems.push(`WEBHOOK_RETRY_SCHEDULE: expected at most 50 durations of at most 7 days like 5s,30s,2m,10m,1h,6h (units ms, s, m, h, d), separated by commas; received "${value}"`);
    return [];
  }
  return parsed;
}

/** TRUST_PROXY: unset or 0/false (off), a number of hops, or addresses and subnets separated by commas. */
export function parseTrustProxy(raw: string | undefined, problems: string[]): number | string[] | false {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0' || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.filter((entry) => !/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(entry));
  if (bad.length > 0 || entries.length === 0) {
    problems.push(`TRUST_PROXY: expected a number of proxies, or addresses/subnets (or loopback, linklocal, uniquelocal) separated by commas; received "${value}"`);
    return false;
  }
  return entries;
}

/** METRICS_TOKEN: a bearer token (RFC 6750's characters) of 16 characters or more; never echoed in an error. */
export function parseMetricsToken(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined || raw === '') return null;
  if (!/^[\w\-.~+/]+=*$/.test(raw)) {
    const bad = raw.search(/[^\w\-.~+/=]/);
    const where = bad >= 0 ? `character ${bad + 1} is not one of those` : 'an = before the end';
    problems.push(`METRICS_TOKEN: expected a bearer token of letters, digits and - . _ ~ + / (then = padding); received ${raw.length} characters, ${where}`);
  } else if (raw.length < 16) {
    problems.push(`METRICS_TOKEN: expected at least 16 characters (e.g. \`openssl rand -hex 32\`); received ${raw.length}`);
  }
  return raw;
}

/** A setting that is on unless set to 0/false. */
export function parseSwitch(env: NodeJS.ProcessEnv, name: string, problems: string[]): boolean {
  const raw = env[name]?.trim() ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(raw)) problems.push(`${name}: expected 1/true or 0/false; received "${raw}"`);
  return raw !== '0' && raw !== 'false';
}

export function parseInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}: expected an integer from ${min} to ${max}; received "${raw}"`);
    return fallback;
  }
  return value;
}

export function parsePort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw.trim() === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT: expected an integer from 0 to 65535; received "${raw}"`);
  }
  return port;
}

/**
 * CACHE_HINTS: per-type max-age overrides of the response cache's default (RESPONSE_CACHE_SECONDS),
 * as `Type:seconds` pairs separated by commas (`Forum:300,Speaker:120`); 0 keeps answers that
 * touch the type out of every cache. Whether each type is in the schema is checked at start.
 */
export function parseCacheHints(raw: string | undefined, problems: string[]): Record<string, number> {
  const hints: Record<string, number> = {};
  const value = raw?.trim() ?? '';
  if (value === '') return hints;
  for (const pair of value.split(',').map((entry) => entry.trim())) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*):(\d{1,6})$/.exec(pair);
    if (!match || Number(match[2]) > 86_400 || match[1] in hints) {
      problems.push(`CACHE_HINTS: expected Type:seconds pairs (seconds from 0 to 86400, each type once) separated by commas, like Forum:300,Speaker:120; received "${pair}" in "${value}"`);
      continue;
    }
    hints[match[1]] = Number(match[2]);
  }
  return hints;
}
