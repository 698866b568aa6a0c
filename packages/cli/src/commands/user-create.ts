/**
 * `bluezone user create --username U --role R [--unit CODE] [--name NAME]`: adds a web user.
 * The password comes from BLUEZONE_PASSWORD or, without it, from stdin (first line), so it never
 * appears in the process list or shell history; nothing secret is printed.
 */
import { accounts } from '@bluezone/server';
import { CliError } from '../cli-error';
import type { CliIo, Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { withRollout } from './rollout-context';

const usage = `bluezone user create --username U --role ${accounts.USER_ROLES.join('|')} [--unit CODE] [--name "Display name"]
  password: BLUEZONE_PASSWORD, or the first line of stdin`;

async function readPassword(io: CliIo): Promise<string> {
  const fromEnv = io.env.BLUEZONE_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY) throw new CliError('set BLUEZONE_PASSWORD or pipe the password on stdin');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

export const userCreateCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { username: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } },
      usage,
    );
    const username = requireOption(values.username, 'username', usage);
    const role = requireOption(values.role, 'role', usage);
    const password = await readPassword(io);
    const user = await withRollout(io, (ctx) =>
      accounts.createUser(accounts.accountDb(ctx.database), ctx.units, ctx.clock, {
        username,
        role,
        password,
        unitCode: values.unit ?? null,
        ...(values.name !== undefined ? { displayName: values.name } : {}),
      }),
    );
    io.stdout(
      `created user ${user.username} (#${user.id}, ${user.role}${user.unitCode ? `, unit ${user.unitCode}` : ''})`,
    );
    return 0;
  },
};
