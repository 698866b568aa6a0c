/**
 * Entry point of the `bluezone` command: finds the subcommand by its words and runs it.
 * Errors the user can fix print one line and exit non-zero; anything else is a bug and
 * prints its stack.
 */
import { CliError, UsageError } from './cli-error';
import type { CliIo, Command } from './command';
import { apikeyCreateCommand } from './commands/apikey-create';
import { authorityAddCommand } from './commands/authority-add';
import { authorityAddKeyCommand } from './commands/authority-add-key';
import { authorityListCommand } from './commands/authority-list';
import { authorityRevokeKeyCommand } from './commands/authority-revoke-key';
import { benchMatchCommand } from './commands/bench-match';
import { benchServerCommand } from './commands/bench-server';
import { certificateKeyRotateCommand } from './commands/certificate-key-rotate';
import { debugRpiCommand } from './commands/debug-rpi';
import { exportBenchCommand } from './commands/export-bench';
import { exportCreateCommand } from './commands/export-create';
import { exportInspectCommand } from './commands/export-inspect';
import { exportRunCommand } from './commands/export-run';
import { proximityCommand } from './commands/proximity';
import { rolloutAnnounceCommand } from './commands/rollout-announce';
import { rolloutCampaignCreateCommand } from './commands/rollout-campaign-create';
import { rolloutContactsImportCommand } from './commands/rollout-contacts-import';
import { rolloutKeyCreateCommand } from './commands/rollout-key-create';
import { rolloutPostersCommand } from './commands/rollout-posters';
import { rolloutReportCommand } from './commands/rollout-report';
import { rolloutSmsEstimateCommand } from './commands/rollout-sms-estimate';
import { rolloutUnitsExportCommand } from './commands/rollout-units-export';
import { rolloutUnitsImportCommand } from './commands/rollout-units-import';
import { serverCommand } from './commands/server';
import { signingKeyRotateCommand } from './commands/signing-key-rotate';
import { simFitRadioCommand } from './commands/sim-fit-radio';
import { simMitCsvCommand } from './commands/sim-mit-csv';
import { simProximityEvalCommand } from './commands/sim-proximity-eval';
import { simulateCommand } from './commands/simulate';
import { userCreateCommand } from './commands/user-create';

export const COMMANDS: Command[] = [
  debugRpiCommand,
  exportCreateCommand,
  exportInspectCommand,
  simFitRadioCommand,
  simMitCsvCommand,
  simProximityEvalCommand,
  proximityCommand,
  simulateCommand,
  serverCommand,
  apikeyCreateCommand,
  authorityAddCommand,
  authorityListCommand,
  authorityAddKeyCommand,
  authorityRevokeKeyCommand,
  exportRunCommand,
  signingKeyRotateCommand,
  certificateKeyRotateCommand,
  userCreateCommand,
  benchMatchCommand,
  benchServerCommand,
  exportBenchCommand,
  rolloutPostersCommand,
  rolloutReportCommand,
  rolloutUnitsImportCommand,
  rolloutUnitsExportCommand,
  rolloutKeyCreateCommand,
  rolloutAnnounceCommand,
  rolloutSmsEstimateCommand,
  rolloutCampaignCreateCommand,
  rolloutContactsImportCommand,
];

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  return [
    'bluezone — contact detection (GAEN-compatible) and the district rollout toolkit',
    '',
    'usage: bluezone <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Environment: BLUEZONE_DATA_DIR (default ./data), DATABASE_URL, PORT.',
  ].join('\n');
}

export const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
};

export function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  let best: { command: Command; rest: string[] } | undefined;
  for (const command of COMMANDS) {
    const n = command.path.length;
    if (argv.length >= n && command.path.every((w, i) => argv[i] === w)) {
      if (!best || n > best.command.path.length) best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.stdout(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.stderr(`bluezone: unknown command "${argv.join(' ')}"; run "bluezone help" for the list`);
    return 2;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.stdout(`${found.command.summary}\nusage: ${found.command.usage}`);
    return 0;
  }
  try {
    return (await found.command.run(found.rest, io)) ?? 0;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`bluezone ${found.command.path.join(' ')}: ${err.message}`);
      return err instanceof UsageError ? 2 : err.exitCode;
    }
    throw err;
  }
}
