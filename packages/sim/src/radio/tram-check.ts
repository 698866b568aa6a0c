/**
 * The simulator's radio against published real-world GAEN measurements: for each distance of
 * the Dublin tram data, the mean attenuation (TX power − RSSI) the radio model gives phones in
 * the simulator's carry mix, with every random term the simulation draws (carry positions,
 * per-phone offsets, per-encounter offset, per-reading multipath), next to the tram's; and the
 * spread between pairs at one distance and of single readings around their distance's mean.
 */
import { Prng } from '../prng';
import { sampleSd } from '../sample-sd';
import { DUBLIN_TRAM_MEAN_ATTENUATION, DUBLIN_TRAM_SPREAD_DB } from './dublin-tram';
import { CARRY_POSITIONS, type CarryPosition } from './mit-matrix';
import { CARRY_POSITION_WEIGHTS, type RadioModel, SIM_TX_POWER_DBM } from './radio-model';

export interface TramComparison {
  rows: { distanceM: number; tramMeanDb: number; simMeanDb: number }[];
  tram: { betweenPairsSdDb: number; withinDistanceSdDb: number };
  sim: { betweenPairsSdDb: number; withinDistanceSdDb: number };
}

function pickPosition(prng: Prng): CarryPosition {
  let u = prng.float();
  for (const p of CARRY_POSITIONS) {
    u -= CARRY_POSITION_WEIGHTS[p];
    if (u < 0) return p;
  }
  return 'hand';
}

export function compareWithTram(
  model: RadioModel,
  seed = 1,
  pairsPerDistance = 2000,
  readingsPerPair = 20,
): TramComparison {
  const prng = new Prng(seed);
  const rows: TramComparison['rows'] = [];
  const between: number[] = [];
  const within: number[] = [];
  for (const t of DUBLIN_TRAM_MEAN_ATTENUATION) {
    const pairMeans: number[] = [];
    const readings: number[] = [];
    for (let i = 0; i < pairsPerDistance; i++) {
      const mean =
        model.meanRssi(t.distanceM, pickPosition(prng), pickPosition(prng)) +
        model.drawPhoneOffset(prng) +
        model.drawPhoneOffset(prng) +
        model.drawEncounterOffset(prng);
      let sum = 0;
      let n = 0;
      for (let k = 0; k < readingsPerPair; k++) {
        const rssi = model.sampleRssi(prng, mean);
        if (rssi === undefined) continue;
        const a = SIM_TX_POWER_DBM - rssi;
        readings.push(a);
        sum += a;
        n++;
      }
      if (n > 0) pairMeans.push(sum / n);
    }
    const simMean = readings.reduce((a, b) => a + b, 0) / readings.length;
    rows.push({ distanceM: t.distanceM, tramMeanDb: t.meanDb, simMeanDb: Math.round(simMean * 10) / 10 });
    between.push(sampleSd(pairMeans) ** 2);
    within.push(sampleSd(readings) ** 2);
  }
  const pooled = (v: number[]) => Math.round(Math.sqrt(v.reduce((a, b) => a + b, 0) / v.length) * 10) / 10;
  return {
    rows,
    tram: {
      betweenPairsSdDb: DUBLIN_TRAM_SPREAD_DB.betweenPairs,
      withinDistanceSdDb: DUBLIN_TRAM_SPREAD_DB.withinDistance,
    },
    sim: { betweenPairsSdDb: pooled(between), withinDistanceSdDb: pooled(within) },
  };
}
