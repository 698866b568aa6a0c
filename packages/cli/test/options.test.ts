import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli-error';
import { parseOptions } from '../src/options';

const usage = 'test [--shifts DB,…] [--tx-power DBM] [--json]';
const options = { shifts: { type: 'string' }, 'tx-power': { type: 'string' }, json: { type: 'boolean' } } as const;

describe('parseOptions', () => {
  it('takes a negative number as the value of the option before it, as the usage lines write them', () => {
    // `--shifts -6,0,6` and `--tx-power -24` are what the usage lines show; node's strict parser
    // takes a value that starts with a dash for a forgotten argument.
    const { values } = parseOptions(['--shifts', '-6,0,6', '--tx-power', '-24', '--json'], options, usage);
    expect(values).toEqual({ shifts: '-6,0,6', 'tx-power': '-24', json: true });
    expect(parseOptions(['--tx-power', '-0.5'], options, usage).values['tx-power']).toBe('-0.5');
    expect(parseOptions(['--shifts=-6', '--tx-power', '-.5'], options, usage).values).toEqual({
      shifts: '-6',
      'tx-power': '-.5',
    });
  });

  it('still names a forgotten value, an unknown option and a dash-led value that is not a number', () => {
    for (const [args, message] of [
      [['--shifts', '--json'], /argument is ambiguous/],
      [['--shifts', '-x'], /argument is ambiguous/],
      [['--json', '-6'], /Unknown option '-6'/],
      [['--nope', '-6'], /Unknown option '--nope'/],
    ] as const) {
      expect(() => parseOptions([...args], options, usage)).toThrow(UsageError);
      expect(() => parseOptions([...args], options, usage)).toThrow(message);
    }
  });
});
