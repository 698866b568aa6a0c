/**
 * Entry point of the `bluezone` command: finds the subcommand by its words and runs it.
 * Errors the user can fix print one line and exit non-zero; anything else is a bug and
 * prints its stack.
 */
import { CliError, UsageError } from './cli-error';
import type { CliIo, CommandEntry } from './command';

/**
 * Every command: its words, its line in `bluezone help`, and its module, imported only when it
 * runs (or prints its usage), so a command loads what it needs and `help` loads nothing else.
 */
export const COMMANDS: CommandEntry[] = [
  {
    path: ['debug', 'rpi'],
    summary: 'derive rolling proximity identifiers and encrypted metadata from a TEK',
    load: async () => (await import('./commands/debug-rpi')).debugRpiCommand,
  },
  {
    path: ['export', 'create'],
    summary: 'build a signed GAEN key export zip (export.bin + export.sig) from KEYS.json',
    load: async () => (await import('./commands/export-create')).exportCreateCommand,
  },
  {
    path: ['export', 'inspect'],
    summary: 'decode a GAEN key export zip to JSON and verify its signature',
    load: async () => (await import('./commands/export-inspect')).exportInspectCommand,
  },
  {
    path: ['sim', 'fit-radio'],
    summary: 'fit the simulator radio model (path loss, shadowing, noise) to the MIT Matrix BLE data',
    load: async () => (await import('./commands/sim-fit-radio')).simFitRadioCommand,
  },
  {
    path: ['sim', 'mit-csv'],
    summary: 'convert the MIT Matrix BLE logs to the sightings CSV of bluezone proximity (+ ground truth)',
    load: async () => (await import('./commands/sim-mit-csv')).simMitCsvCommand,
  },
  {
    path: ['sim', 'proximity-eval'],
    summary:
      'the accuracy tables of docs/accuracy.md: the proximity estimator against CWA, SwissCovid and a tuned threshold on real recordings',
    load: async () => (await import('./commands/sim-proximity-eval')).simProximityEvalCommand,
  },
  {
    path: ['sim', 'preview'],
    summary:
      "re-score a simulation's preview sample under estimator parameters: notifications' precision and recall, and what any threshold could give",
    load: async () => (await import('./commands/sim-preview')).simPreviewCommand,
  },
  {
    path: ['sim', 'priors'],
    summary:
      "estimator parameters whose band priors are a simulated district's own geometry (its report's time in range per band)",
    load: async () => (await import('./commands/sim-priors')).simPriorsCommand,
  },
  {
    path: ['proximity'],
    summary:
      'real BLE sightings (CSV) per receiver, transmitter and day: close minutes from the proximity estimator the SDK uses, and the GAEN risk score',
    load: async () => (await import('./commands/proximity')).proximityCommand,
  },
  {
    path: ['proximity-score'],
    summary:
      'real BLE sightings scored against their ground truth as the outside evaluation does: the estimator, the published rules, and the best threshold and probability cut in hindsight',
    load: async () => (await import('./commands/proximity-score')).proximityScoreCommand,
  },
  {
    path: ['field-test-sightings'],
    summary:
      "a field test's recordings from its enrolled test phones → the sightings CSV proximity-score scores against the test's ground truth",
    load: async () => (await import('./commands/field-test-sightings')).fieldTestSightingsCommand,
  },
  {
    path: ['simulate'],
    summary: 'simulate a district of phones running the SDK: detection accuracy, time to notify, infections averted',
    load: async () => (await import('./commands/simulate')).simulateCommand,
  },
  {
    path: ['server'],
    summary: 'run the key server (HTTP API, exports, export worker)',
    load: async () => (await import('./commands/server')).serverCommand,
  },
  {
    path: ['apikey', 'create'],
    summary: 'create an API key for health staff (admin) or apps (device); shown once',
    load: async () => (await import('./commands/apikey-create')).apikeyCreateCommand,
  },
  {
    path: ['authority', 'add'],
    summary: 'register a health authority (the healthAuthorityID apps send, its certificate iss/aud)',
    load: async () => (await import('./commands/authority-add')).authorityAddCommand,
  },
  {
    path: ['authority', 'list'],
    summary: 'list health authorities and their certificate keys',
    load: async () => (await import('./commands/authority-list')).authorityListCommand,
  },
  {
    path: ['authority', 'add-key'],
    summary: "add a health authority's certificate key (ES256 public key PEM; JWT kid)",
    load: async () => (await import('./commands/authority-add-key')).authorityAddKeyCommand,
  },
  {
    path: ['authority', 'revoke-key'],
    summary: "revoke a health authority's certificate key (valid until now)",
    load: async () => (await import('./commands/authority-revoke-key')).authorityRevokeKeyCommand,
  },
  {
    path: ['export', 'run'],
    summary: 'cut closed windows into signed export files now (--now: close the current window too)',
    load: async () => (await import('./commands/export-run')).exportRunCommand,
  },
  {
    path: ['signing-key', 'rotate'],
    summary: 'rotate the export signing key (the old one keeps signing for 7 days)',
    load: async () => (await import('./commands/signing-key-rotate')).signingKeyRotateCommand,
  },
  {
    path: ['certificate-key', 'rotate'],
    summary: 'rotate the certificate signing key (the old one stays valid ~17 min for certificates already issued)',
    load: async () => (await import('./commands/certificate-key-rotate')).certificateKeyRotateCommand,
  },
  {
    path: ['demo', 'seed'],
    summary: 'seed 30 days of labelled demo activity (installs, checkpoint scans, campaigns, codes) for the dashboard',
    load: async () => (await import('./commands/demo-seed')).demoSeedCommand,
  },
  {
    path: ['demo', 'clear'],
    summary: 'delete every row bluezone demo seed wrote, and nothing else',
    load: async () => (await import('./commands/demo-clear')).demoClearCommand,
  },
  {
    path: ['user', 'create'],
    summary: 'create a web-app user (password from BLUEZONE_PASSWORD or stdin)',
    load: async () => (await import('./commands/user-create')).userCreateCommand,
  },
  {
    path: ['bench', 'cli'],
    summary: 'time `bluezone help` as a fresh process (baseline: node -e 0, same run)',
    load: async () => (await import('./commands/bench-cli')).benchCliCommand,
  },
  {
    path: ['bench', 'match'],
    summary: 'time on-device matching of N diagnosis keys against M sightings (baseline: per-key AES, same run)',
    load: async () => (await import('./commands/bench-match')).benchMatchCommand,
  },
  {
    path: ['bench', 'server'],
    summary: 'load-test the key server: code → verify → certificate → publish for N residents, then one export run',
    load: async () => (await import('./commands/bench-server')).benchServerCommand,
  },
  {
    path: ['bench', 'export'],
    summary: 'time exporting N keys into signed zips of at most M keys (baseline: zip + sign, same run)',
    load: async () => (await import('./commands/export-bench')).exportBenchCommand,
  },
  {
    path: ['rollout', 'posters'],
    summary:
      'render Vietnamese install posters (PDF with QR) for a unit or, with --batch, each village/business under it',
    load: async () => (await import('./commands/rollout-posters')).rolloutPostersCommand,
  },
  {
    path: ['rollout', 'report'],
    summary: 'install coverage per unit (share of target, active share, trend, units below target)',
    load: async () => (await import('./commands/rollout-report')).rolloutReportCommand,
  },
  {
    path: ['rollout', 'units', 'import'],
    summary: 'import units and populations from CSV (all or nothing; bad rows reported by line)',
    load: async () => (await import('./commands/rollout-units-import')).rolloutUnitsImportCommand,
  },
  {
    path: ['rollout', 'units', 'export'],
    summary: 'export units and populations as CSV',
    load: async () => (await import('./commands/rollout-units-export')).rolloutUnitsExportCommand,
  },
  {
    path: ['rollout', 'units', 'archive'],
    summary: 'archive a unit: out of the lists, no new installs; its installs and history stay',
    load: async () => (await import('./commands/rollout-units-archive')).rolloutUnitsArchiveCommand,
  },
  {
    path: ['rollout', 'units', 'restore'],
    summary: 'take an archived unit back',
    load: async () => (await import('./commands/rollout-units-archive')).rolloutUnitsRestoreCommand,
  },
  {
    path: ['rollout', 'drives', 'create'],
    summary: 'create a Youth Union install drive (date, place, organiser, the unit running it)',
    load: async () => (await import('./commands/rollout-drive-create')).rolloutDriveCreateCommand,
  },
  {
    path: ['rollout', 'drives', 'volunteer'],
    summary: "add a volunteer to a drive; prints the volunteer's own invite link (and --qr PNG)",
    load: async () => (await import('./commands/rollout-drive-volunteer')).rolloutDriveVolunteerCommand,
  },
  {
    path: ['rollout', 'drives', 'report'],
    summary: "per-drive results and the volunteers' leaderboard as CSV, XLSX or JSON",
    load: async () => (await import('./commands/rollout-drives-report')).rolloutDrivesReportCommand,
  },
  {
    path: ['rollout', 'drives', 'purge'],
    summary: "erase the names and phones of volunteers whose drive's retention period has ended",
    load: async () => (await import('./commands/rollout-drives-purge')).rolloutDrivesPurgeCommand,
  },
  {
    path: ['rollout', 'businesses', 'add'],
    summary: 'add a business recommending the app; prints its counter QR link',
    load: async () => (await import('./commands/rollout-business-add')).rolloutBusinessAddCommand,
  },
  {
    path: ['rollout', 'businesses', 'report'],
    summary: 'installs recommended by each business, as CSV',
    load: async () => (await import('./commands/rollout-businesses-report')).rolloutBusinessesReportCommand,
  },
  {
    path: ['rollout', 'businesses', 'sticker'],
    summary: "a business's printable window sticker (PDF, A5 or A6) with its counter QR",
    load: async () => (await import('./commands/rollout-business-sticker')).rolloutBusinessStickerCommand,
  },
  {
    path: ['rollout', 'key', 'create'],
    summary: 'create a unit manager or telecom partner key; prints the key as its last line',
    load: async () => (await import('./commands/rollout-key-create')).rolloutKeyCreateCommand,
  },
  {
    path: ['rollout', 'announce'],
    summary:
      'list announcement scripts, print one with its next broadcasts, speak it to WAV/MP3 (espeak-ng), edit or retire it',
    load: async () => (await import('./commands/rollout-announce')).rolloutAnnounceCommand,
  },
  {
    path: ['rollout', 'broadcasts', 'log'],
    summary: 'record a scheduled broadcast of a script as aired or missed at a loudspeaker or station',
    load: async () => (await import('./commands/rollout-broadcasts')).rolloutBroadcastsLogCommand,
  },
  {
    path: ['rollout', 'broadcasts', 'list'],
    summary: 'the broadcast log (aired, missed, by whom) of a unit or a script',
    load: async () => (await import('./commands/rollout-broadcasts')).rolloutBroadcastsListCommand,
  },
  {
    path: ['rollout', 'media', 'partner'],
    summary: 'list media partners (radio, TV, online), or add one',
    load: async () => (await import('./commands/rollout-media')).rolloutMediaPartnerCommand,
  },
  {
    path: ['rollout', 'media', 'book'],
    summary: 'book ad slots with a partner for a script: times, length, cost, expected reach',
    load: async () => (await import('./commands/rollout-media')).rolloutMediaBookCommand,
  },
  {
    path: ['rollout', 'media', 'confirm'],
    summary: "record a partner's word that a booked slot aired or was missed",
    load: async () => (await import('./commands/rollout-media')).rolloutMediaConfirmCommand,
  },
  {
    path: ['rollout', 'media', 'report'],
    summary: 'media ad time planned vs aired per week, as CSV, XLSX or JSON',
    load: async () => (await import('./commands/rollout-media')).rolloutMediaReportCommand,
  },
  {
    path: ['rollout', 'sms', 'estimate'],
    summary: 'show GSM-7/UCS-2 encoding, segment count and cost (VND) of an SMS before sending',
    load: async () => (await import('./commands/rollout-sms-estimate')).rolloutSmsEstimateCommand,
  },
  {
    path: ['rollout', 'campaign', 'create'],
    summary: 'preview an SMS/Zalo campaign (recipients, segments, cost, next runs); --yes creates it',
    load: async () => (await import('./commands/rollout-campaign-create')).rolloutCampaignCreateCommand,
  },
  {
    path: ['rollout', 'arrivals', 'import'],
    summary: "record the telecom partner's arrivals from CSV (phone,arrived_at); bad rows left out and listed by line",
    load: async () => (await import('./commands/rollout-arrivals-import')).rolloutArrivalsImportCommand,
  },
  {
    path: ['rollout', 'contacts', 'import'],
    summary: "import a unit's phone list for campaigns from CSV (all or nothing; bad rows reported by line)",
    load: async () => (await import('./commands/rollout-contacts-import')).rolloutContactsImportCommand,
  },
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

export function findCommand(argv: string[]): { command: CommandEntry; rest: string[] } | undefined {
  let best: { command: CommandEntry; rest: string[] } | undefined;
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
  const command = await found.command.load();
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.stdout(`${found.command.summary}\nusage: ${command.usage}`);
    return 0;
  }
  try {
    return (await command.run(found.rest, io)) ?? 0;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`bluezone ${found.command.path.join(' ')}: ${err.message}`);
      return err instanceof UsageError ? 2 : err.exitCode;
    }
    throw err;
  }
}
