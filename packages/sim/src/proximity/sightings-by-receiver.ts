/**
 * Sightings kept by receiver in columns (times, RSSI and TX power as numbers, names as indices
 * into one list of distinct names): about 36 bytes a row where a row object costs several
 * hundred, so `bluezone proximity` holds tens of millions of rows. Each receiver's rows become
 * objects again only while that receiver is estimated: its verdicts depend on its own readings
 * alone (`estimateSightings` and `scoreSightings` treat each receiver as a phone). Census lines
 * (an identifier counted, not read) are kept beside them, a time and a name each.
 */
import { type CensusSighting, isCensusSighting, type SightingLine, type SightingRow } from './sightings-csv';

interface Columns {
  length: number;
  timeMs: Float64Array;
  rssi: Float64Array;
  txPower: Float64Array;
  transmitter: Uint32Array;
  receiverModel: Uint32Array;
  transmitterModel: Uint32Array;
}

function columns(capacity: number): Columns {
  return {
    length: 0,
    timeMs: new Float64Array(capacity),
    rssi: new Float64Array(capacity),
    txPower: new Float64Array(capacity),
    transmitter: new Uint32Array(capacity),
    receiverModel: new Uint32Array(capacity),
    transmitterModel: new Uint32Array(capacity),
  };
}

function grown(c: Columns): Columns {
  const g = columns(c.timeMs.length * 2);
  g.length = c.length;
  g.timeMs.set(c.timeMs);
  g.rssi.set(c.rssi);
  g.txPower.set(c.txPower);
  g.transmitter.set(c.transmitter);
  g.receiverModel.set(c.receiverModel);
  g.transmitterModel.set(c.transmitterModel);
  return g;
}

interface CensusColumns {
  length: number;
  timeMs: Float64Array;
  transmitter: Uint32Array;
  receiverModel: Uint32Array;
}

function censusColumns(capacity: number, from?: CensusColumns): CensusColumns {
  const c = {
    length: from?.length ?? 0,
    timeMs: new Float64Array(capacity),
    transmitter: new Uint32Array(capacity),
    receiverModel: new Uint32Array(capacity),
  };
  if (from) {
    c.timeMs.set(from.timeMs);
    c.transmitter.set(from.transmitter);
    c.receiverModel.set(from.receiverModel);
  }
  return c;
}

export class SightingsByReceiver {
  private readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly byReceiver = new Map<string, Columns>();
  private readonly censusByReceiver = new Map<string, CensusColumns>();

  private id(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(name, i);
    }
    return i;
  }

  add(row: SightingLine): void {
    if (isCensusSighting(row)) {
      this.addCensus(row);
      return;
    }
    let c = this.byReceiver.get(row.receiver);
    if (c === undefined || c.length === c.timeMs.length) {
      c = c === undefined ? columns(1024) : grown(c);
      this.byReceiver.set(row.receiver, c);
    }
    const k = c.length++;
    c.timeMs[k] = row.timeMs;
    c.rssi[k] = row.rssi;
    c.txPower[k] = row.txPower;
    c.transmitter[k] = this.id(row.transmitter);
    c.receiverModel[k] = this.id(row.receiverModel);
    c.transmitterModel[k] = this.id(row.transmitterModel);
  }

  private addCensus(row: CensusSighting): void {
    let c = this.censusByReceiver.get(row.receiver);
    if (c === undefined || c.length === c.timeMs.length) {
      c = c === undefined ? censusColumns(1024) : censusColumns(c.timeMs.length * 2, c);
      this.censusByReceiver.set(row.receiver, c);
    }
    const k = c.length++;
    c.timeMs[k] = row.timeMs;
    c.transmitter[k] = this.id(row.transmitter);
    c.receiverModel[k] = this.id(row.receiverModel);
  }

  /** Receivers with readings, in the order `estimateSightings` reports them (UTF-16 code units). */
  receivers(): string[] {
    return [...this.byReceiver.keys()].sort();
  }

  /** One receiver's rows, in the order they were added. */
  rowsOf(receiver: string): SightingRow[] {
    const c = this.byReceiver.get(receiver);
    if (!c) return [];
    const rows: SightingRow[] = new Array(c.length);
    for (let k = 0; k < c.length; k++) {
      rows[k] = {
        timeMs: c.timeMs[k] as number,
        receiver,
        transmitter: this.names[c.transmitter[k] as number] as string,
        rssi: c.rssi[k] as number,
        txPower: c.txPower[k] as number,
        receiverModel: this.names[c.receiverModel[k] as number] as string,
        transmitterModel: this.names[c.transmitterModel[k] as number] as string,
      };
    }
    return rows;
  }

  /** One receiver's census lines, in the order they were added (none where the file gave none). */
  censusOf(receiver: string): CensusSighting[] {
    const c = this.censusByReceiver.get(receiver);
    if (!c) return [];
    return Array.from({ length: c.length }, (_, k) => ({
      census: true as const,
      timeMs: c.timeMs[k] as number,
      receiver,
      transmitter: this.names[c.transmitter[k] as number] as string,
      receiverModel: this.names[c.receiverModel[k] as number] as string,
    }));
  }
}
