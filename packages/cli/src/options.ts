/** Option parsing for subcommands: node:util parseArgs in strict mode, errors as UsageError. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './cli-error';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<T extends Options>(
  args: string[],
  options: T,
  usage: string,
  allowPositionals = false,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: boolean }>> {
  try {
    return parseArgs({ args: negativeValuesJoined(args, options), strict: true, allowPositionals, options });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: ${usage}`);
  }
}

/**
 * `--tx-power -24`, `--shifts -6,0,6`: node's strict parser takes a value that starts with a dash
 * for a forgotten one. A negative number after an option that takes a value is that value, so it
 * is joined as `--tx-power=-24`; anything else dash-led is left for the parser to name.
 */
function negativeValuesJoined(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    if (
      name !== undefined &&
      Object.hasOwn(options, name) &&
      options[name]?.type === 'string' &&
      next !== undefined &&
      /^-\.?\d/.test(next)
    ) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export function requireOption(value: string | undefined, name: string, usage: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing --${name}\nusage: ${usage}`);
  return value;
}

/** Parses a non-negative integer option with a named error. */
export function integerOption(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`missing --${name}`);
    return fallback;
  }
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a non-negative integer, got "${value}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} is too large: ${value}`);
  return n;
}
