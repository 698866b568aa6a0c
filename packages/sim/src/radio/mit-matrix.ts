/**
 * Reader for the MIT Matrix BLE measurements (mitll/MIT-Matrix-Data, CC BY 4.0): pairs of
 * iPhones carried in two positions each, one log per distance (3–15 ft). Each log becomes one
 * `MitMatrixLog` with the carry positions (from the folder name, e.g. `HandUP_PurseDOWN`:
 * receiver first, then transmitter), the phone models and the valid RSSI readings of the
 * `BlueProxTx` beacon. RSSI 127 is the app's "invalid" marker and is dropped.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { SimError } from '../sim-error';

export const CARRY_POSITIONS = ['hand', 'shirt', 'frontPants', 'backPants', 'purse'] as const;
export type CarryPosition = (typeof CARRY_POSITIONS)[number];

export interface RssiReading {
  /** Milliseconds since the Unix epoch (the log's wall clock, read as UTC). */
  timeMs: number;
  rssi: number;
}

export interface MitMatrixLog {
  /** Folder name, e.g. `HandUP_PurseDOWN`: one pair of phones and carry positions. */
  scenario: string;
  file: string;
  receiverPosition: CarryPosition;
  transmitterPosition: CarryPosition;
  receiverModel: string;
  transmitterModel: string;
  distanceM: number;
  readings: RssiReading[];
}

const FEET = 0.3048;
const INVALID_RSSI = 127;

const POSITION_WORDS: [RegExp, CarryPosition][] = [
  [/^Hand/i, 'hand'],
  [/^ShirtPocket/i, 'shirt'],
  [/^FrontPantsPocket/i, 'frontPants'],
  [/^BackPantsPocket/i, 'backPants'],
  [/^Pu(r|se)/i, 'purse'],
];

function positionOf(word: string, scenario: string): CarryPosition {
  for (const [re, pos] of POSITION_WORDS) if (re.test(word)) return pos;
  throw new SimError('invalid_data', `MIT Matrix: unknown carry position "${word}" in ${scenario}`);
}

/** Log clocks are `2020-05-16 10:27:33.294` or ISO `2020-05-19T17:17:22.430Z`; both read as UTC. */
function parseLogTime(text: string): number {
  const iso = text.includes('T') ? text : `${text.replace(' ', 'T')}Z`;
  return Date.parse(iso);
}

/** Parses one log's text; `scenario` is its folder name. */
export function parseMitMatrixLog(scenario: string, file: string, text: string): MitMatrixLog {
  const [rxWord, txWord] = scenario.split('_');
  if (rxWord === undefined || txWord === undefined) {
    throw new SimError('invalid_data', `MIT Matrix: folder "${scenario}" is not <receiver>_<transmitter>`);
  }
  let distanceFt: number | undefined;
  let receiverModel = 'unknown';
  let transmitterModel = 'unknown';
  const readings: RssiReading[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(',');
    const kind = f[1];
    if (kind === 'Bluetooth') {
      if (f[4] !== 'BlueProxTx') continue;
      const rssi = Number(f[3]);
      if (!Number.isFinite(rssi) || rssi === INVALID_RSSI) continue;
      readings.push({ timeMs: parseLogTime(f[0] ?? ''), rssi });
    } else if (kind === 'Range') {
      distanceFt = Number(f[2]);
    } else if (kind === 'receiver') {
      receiverModel = (f[2] ?? '').trim() || receiverModel;
    } else if (kind === 'beacon') {
      transmitterModel = (f[3] ?? f[2] ?? '').trim() || transmitterModel;
    }
  }
  if (distanceFt === undefined || !(distanceFt > 0)) {
    // Older logs carry no Range line; the distance is in the file name (`_8ft_`).
    const m = /_(\d+)ft_/.exec(file);
    distanceFt = m ? Number(m[1]) : Number.NaN;
  }
  if (!(distanceFt > 0)) throw new SimError('invalid_data', `MIT Matrix: no distance in ${file}`);
  return {
    scenario,
    file,
    receiverPosition: positionOf(rxWord, scenario),
    transmitterPosition: positionOf(txWord, scenario),
    receiverModel,
    transmitterModel,
    distanceM: distanceFt * FEET,
    readings,
  };
}

/** Reads every log in the archive (a .tar.gz of the repository), sorted by file name. */
export async function readMitMatrix(archivePath: string): Promise<MitMatrixLog[]> {
  let tar: Buffer;
  try {
    tar = gunzipSync(await readFile(archivePath));
  } catch (err) {
    throw new SimError('invalid_data', `MIT Matrix: cannot read ${archivePath}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const logs: MitMatrixLog[] = [];
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        const parts = header.name.replace(/^\.\//, '').split('/');
        const file = parts.at(-1) ?? '';
        const folder = parts.at(-2);
        if (header.type === 'file' && folder !== undefined && /ft_.*\.txt$/.test(file)) {
          logs.push(parseMitMatrixLog(folder, file, Buffer.concat(chunks).toString('utf8')));
        }
        next();
      });
      stream.on('error', reject);
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  Readable.from([tar]).pipe(ex);
  await done;
  if (logs.length === 0) throw new SimError('invalid_data', `MIT Matrix: no logs in ${archivePath}`);
  return logs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
