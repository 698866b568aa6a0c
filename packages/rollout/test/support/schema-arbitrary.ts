/**
 * fast-check arbitraries read off the contract's zod/mini schemas (@bluezone/protocol/api): for
 * each field, values of roughly its type — often valid, often just outside (huge and negative
 * numbers, wrong types, empty, over-long and hostile strings), mixed with values the test's
 * database holds (`pool`) so requests get past lookups into the code behind them — and now and
 * then any JSON at all. A new endpoint's schema is fuzzed with no change here.
 */
import fc from 'fast-check';

type Def = { type: string; [k: string]: unknown };
type Schema = { _zod: { def: Def } };

const NASTY_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  'null',
  'true',
  '+'.repeat(43),
  `${'A'.repeat(43)}!!`,
  '../../../etc/passwd',
  'a/../../b',
  '\u0000',
  '\ud800',
  '🦠'.repeat(20),
  'Xã Hương Phú',
  "'; drop table account_user; --",
  '%s%n%x',
  '{{name}}',
  '<script>alert(1)</script>',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '2026-11-19T00:00:00Z',
  '1e309',
  '+84912345678',
  '+1 555 0100',
  '12345678',
  'x'.repeat(300),
  'y'.repeat(70_000),
  // checkpoint tokens: JSON null and other payloads of the old format, empty parts, no signature
  'BZC1.bnVsbA.AAAA',
  'BZC1.W10.AAAA',
  'BZC2.bnVsbA.AAAA',
  'BZC2..',
  'BZC2.AAAA',
  `BZC2.${'A'.repeat(104)}.${'A'.repeat(86)}`,
  // JWTs: alg none, empty signature
  'eyJhbGciOiJub25lIn0.e30.',
  'eyJhbGciOiJIUzI1NiJ9.bnVsbA.',
];

const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  2 ** 53 - 1,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

/** Strings and numbers the database holds (unit codes, uuids, ids): requests that reach real rows. */
export interface ValuePool {
  strings: readonly string[];
  numbers: readonly number[];
}

function def(schema: unknown): Def {
  return (schema as Schema)._zod.def;
}

function near(schema: unknown, pool: ValuePool, depth: number): fc.Arbitrary<unknown> {
  const d = def(schema);
  switch (d.type) {
    case 'object': {
      const shape = d.shape as Record<string, unknown>;
      const fields = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, fieldValue(s, pool, depth + 1)]));
      const record = fc.record(fields, { requiredKeys: [] });
      // Mostly every declared field present (deeper code runs), sometimes some missing or one extra.
      return fc.oneof(
        { weight: 3, arbitrary: fc.record(fields) },
        { weight: 2, arbitrary: record },
        {
          weight: 1,
          arbitrary: fc.tuple(record, fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })).map(([r, k, v]) => ({
            ...r,
            [k]: v,
          })),
        },
      );
    }
    case 'string':
      return fc.oneof(
        { weight: 3, arbitrary: pool.strings.length > 0 ? fc.constantFrom(...pool.strings) : fc.string() },
        { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
        { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
        { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) },
      );
    case 'number':
    case 'int':
      return fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: -5, max: 1000 }) },
        { weight: 2, arbitrary: pool.numbers.length > 0 ? fc.constantFrom(...pool.numbers) : fc.integer() },
        { weight: 2, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
        { weight: 1, arbitrary: fc.integer() },
        { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fieldValue(d.element, pool, depth + 1), { maxLength: depth > 2 ? 2 : 6 });
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'optional':
    case 'default':
    case 'prefault':
      // Left out half the time: a request with only what it needs gets furthest.
      return fc.oneof(fc.constant(undefined), fieldValue(d.innerType, pool, depth));
    case 'nullable':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return fieldValue(d.innerType, pool, depth);
    case 'union':
      return fc.oneof(...(d.options as unknown[]).map((o) => fieldValue(o, pool, depth)));
    case 'pipe':
      return fieldValue(d.in, pool, depth);
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 12 }), fieldValue(d.valueType, pool, depth + 1), { maxKeys: 4 });
    case 'tuple':
      return fc.tuple(...(d.items as unknown[]).map((i) => fieldValue(i, pool, depth + 1)));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value for `schema`: near its type nine times in ten (19 in 20 inside), any JSON otherwise. */
export function fieldValue(schema: unknown, pool: ValuePool, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 5) return fc.jsonValue({ maxDepth: 1 });
  return fc.oneof(
    { weight: depth === 0 ? 9 : 19, arbitrary: near(schema, pool, depth) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** Query parameters for a query schema (an object of string fields): each value a string. */
export function queryOf(schema: unknown, pool: ValuePool): fc.Arbitrary<Record<string, string>> {
  const d = def(schema);
  const shape = d.type === 'object' ? (d.shape as Record<string, unknown>) : {};
  const fields = Object.fromEntries(
    Object.entries(shape).map(([k, s]) => [
      k,
      fieldValue(s, pool).map((v) => (v === undefined || typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
    ]),
  );
  return fc
    .record(fields, { requiredKeys: [] })
    .map((q) => Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined)));
}

/** A path parameter's value: a value the database holds, or anything a URL can carry. */
export function pathValueOf(pool: ValuePool): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...pool.strings, ...pool.numbers.map(String)) },
      { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 400)) },
      { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
      { weight: 1, arbitrary: fc.integer().map(String) },
    )
    .filter((s) => !/\p{Cs}/u.test(s)); // a lone surrogate cannot be percent-encoded
}

/** A text body for an endpoint that takes CSV: header-like first lines, then rows of anything. */
export function textBodyOf(pool: ValuePool): fc.Arbitrary<string> {
  const cell = fc.oneof(fc.constantFrom(...pool.strings, ...NASTY_STRINGS.slice(0, 24)), fc.string({ maxLength: 20 }));
  const line = fc.array(cell, { maxLength: 8 }).map((cells) => cells.join(','));
  return fc.oneof(
    fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n')),
    fc
      .array(line, { maxLength: 8 })
      .map((lines) => ['code,name,kind,parent_code,population', 'name,position,phone', ...lines].join('\n')),
    fc.string({ maxLength: 400 }),
  );
}
