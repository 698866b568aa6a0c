/** `bluezone rollout sms estimate`: encoding, segments and cost of a message before it is sent. */
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions, requireOption } from '../options';
import { asCliError } from './rollout-context';

const usage = 'bluezone rollout sms estimate --text TEXT [--recipients N] [--price VND]';

export const rolloutSmsEstimateCommand: Command = {
  usage,
  run(args, io) {
    const { values } = parseOptions(
      args,
      { text: { type: 'string' }, recipients: { type: 'string' }, price: { type: 'string' } },
      usage,
    );
    const text = requireOption(values.text, 'text', usage);
    const recipients = integerOption(values.recipients, 'recipients', 1);
    if (recipients < 1) throw new UsageError('--recipients must be at least 1');
    let price: number;
    try {
      price =
        values.price !== undefined
          ? integerOption(values.price, 'price')
          : rollout.loadRolloutConfig(io.env).smsPriceVnd;
    } catch (err) {
      throw asCliError(err);
    }
    const seg = rollout.smsSegments(text);
    const cost = rollout.estimateSmsCost(Array(recipients).fill(text), price);
    io.stdout(
      JSON.stringify({
        encoding: seg.encoding,
        units: seg.units,
        segments: seg.segments,
        recipients,
        totalSegments: cost.segments,
        pricePerSegmentVnd: price,
        costVnd: cost.costVnd,
      }),
    );
    return 0;
  },
};
