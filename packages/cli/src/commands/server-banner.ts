/**
 * What `bluezone server` tells a person once it listens (stderr; the logs stay JSON lines on
 * stdout): the address to open, the database, and how to get in — the first-run link with its
 * setup code when there is no user yet, the demo users when they exist, else one's own account.
 * The same facts, without the setup code, go to the JSON log.
 */
import { accounts, type RunningServer, site } from '@bluezone/server';
import type { CliIo } from '../command';
import { databaseLine } from '../database-notice';

/** What to type into a browser on this machine: localhost for a server bound to every interface. */
export function openAddress(running: Pick<RunningServer, 'url' | 'port' | 'context'>): string {
  const host = running.context.config.host;
  return host === '0.0.0.0' || host === '::' ? `http://localhost:${running.port}` : running.url;
}

export async function startBanner(running: RunningServer, io: Pick<CliIo, 'env' | 'cwd'>): Promise<string[]> {
  const ctx = running.context;
  const open = openAddress(running);
  const state = await accounts.firstRunState(ctx);
  const address = await site.publicAddress(ctx, open);
  const lines = [
    '',
    `Bluezone is running: open ${open}/  (resident app: ${open}/app/)`,
    `  ${databaseLine(ctx.config, io.env, io.cwd)}`,
  ];
  if (state.users === 0) {
    const code = accounts.formatSetupCode(await accounts.setupCode(ctx));
    lines.push(
      '  first run: no user yet. Create the administrator in the browser:',
      `    ${open}/#/setup?code=${code}`,
      `    setup code ${code} (shown only here; it works until the first user exists)`,
    );
    ctx.logger.warn('first run: no user yet; create the administrator on the web page with the setup code', {
      database: ctx.database.dialect,
    });
  } else if (state.demoUsers.length > 0) {
    lines.push(
      `  sign in: demo users ${state.demoUsers.join(', ')}, password ${accounts.DEMO_PASSWORD}`,
      '    (demo data: disable these users before anyone else can reach this server)',
    );
    ctx.logger.warn('demo users with the published password are enabled', { users: state.demoUsers });
  } else {
    lines.push('  sign in with your account (new users: the admin page, or bluezone user create)');
  }
  lines.push(
    address.source === 'default'
      ? `  public address not set: links and QR codes use ${address.url} (set it on the first-run or admin page, or PUBLIC_BASE_URL)`
      : `  public address ${address.url} (${address.source === 'environment' ? 'PUBLIC_BASE_URL' : 'saved on the admin page'})`,
    '',
  );
  return lines;
}
