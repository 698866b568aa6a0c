import { describe, expect, it } from 'vitest';
import {
  buildEncounters,
  estimateReceiverCloseTime,
  DEFAULT_PROXIMITY_PARAMETERS as P,
  type ProximityParameters,
  parseProximityParameters,
  receiverActivityOfSightings,
} from '../src/index';
import { offsetGrid } from '../src/proximity/offset-grid';
import type { Encounter } from '../src/proximity/proximity-encounters';
import { receiverSessions, sessionPosteriors } from '../src/proximity/receiver-sessions';

const T0 = Date.UTC(2024, 2, 4, 9, 0, 0);
const MIN = 60_000;
const encounterAt = (firstBin: number, bins: number): Encounter => ({
  firstBin,
  kind: new Uint8Array(bins),
  level: new Float64Array(bins),
  variance: new Float64Array(bins),
});
const level = (name: string) => P.states.find((s) => s.name === name)?.meanAttenuationDb as number;
const shared: ProximityParameters = (() => {
  const { receiverCarrySdDb: _, ...rest } = P;
  return rest;
})();
const carried: ProximityParameters = { ...P, receiverCarrySdDb: 4.8 };

describe('receiverSessions', () => {
  it('chains encounters that start within the gap of the latest end, in any order', () => {
    // [0, 10), [15, 30), [25, 26) chain; [60, 70) starts 30 bins after 30; [75, 80) 5 after 70.
    const encounters = [
      encounterAt(60, 10),
      encounterAt(15, 15),
      encounterAt(0, 10),
      encounterAt(75, 5),
      encounterAt(25, 1),
    ];
    expect([...receiverSessions(encounters, 20)]).toEqual([1, 0, 0, 1, 0]);
    // A gap of exactly the threshold separates; one shorter does not.
    expect([...receiverSessions([encounterAt(0, 10), encounterAt(30, 5)], 20)]).toEqual([0, 1]);
    expect([...receiverSessions([encounterAt(0, 10), encounterAt(29, 5)], 20)]).toEqual([0, 0]);
  });
});

describe('sessionPosteriors', () => {
  const grid = offsetGrid(P, 10);
  const R = grid.receiver.length;
  /** log p(encounter | r) of an encounter that pins the receiver's offset near `at` dB. */
  const pinning = (at: number, sd = 2) => grid.receiver.map((r) => -0.5 * ((r - at) / sd) ** 2);
  const mean = (post: Float64Array) => post.reduce((s, w, i) => s + w * (grid.receiver[i] as number), 0);

  it('lets each session find its own carry, pulled towards the others by the shared calibration', () => {
    const [a, b] = sessionPosteriors(
      grid,
      [pinning(0), pinning(0), pinning(10), pinning(10)],
      Int32Array.of(0, 0, 1, 1),
      5.7,
      4.8,
    ) as [Float64Array, Float64Array];
    expect(a.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(a.length).toBe(R);
    // Shared, the two would meet near 5 dB; by session each stays near its own, a little drawn in.
    expect(mean(a)).toBeGreaterThan(-0.5);
    expect(mean(a)).toBeLessThan(2);
    expect(mean(b)).toBeGreaterThan(8);
    expect(mean(b)).toBeLessThan(10.5);
  });

  it('with one session is the shared offset’s posterior with the total prior', () => {
    const liks = [pinning(4, 3), pinning(6, 4)];
    const [only] = sessionPosteriors(grid, liks, Int32Array.of(0, 0), 5.7, 4.8) as [Float64Array];
    const direct = grid.logPriorReceiver.map((v, i) => v + (liks[0]?.[i] as number) + (liks[1]?.[i] as number));
    const max = Math.max(...direct);
    const z = direct.reduce((s, v) => s + Math.exp(v - max), 0);
    // The carry and calibration priors convolved on the grid against N(0, 5.7²) read at its points.
    const worst = Math.max(...only.map((w, i) => Math.abs(w - Math.exp((direct[i] as number) - max) / z)));
    expect(worst).toBeLessThan(0.005);
  });
});

describe('a receiver carried differently in two sessions', () => {
  /**
   * The morning: two transmitters near (the close band's level), four far. After a break longer
   * than `maxGapMinutes` the phone goes into a bag (everything 10 dB weaker) among the same kind
   * of room: two near, four far.
   */
  function day(p: ProximityParameters) {
    const sightings: { timeMs: number; transmitter: string; attenuationDb: number }[] = [];
    const session = (startMin: number, prefix: string, bag: number) => {
      for (let m = 0; m < 60; m += 5)
        for (let t = 0; t < 6; t++)
          for (let s = 0; s < 4; s++)
            sightings.push({
              timeMs: T0 + (startMin + m) * MIN + s * 1_000,
              transmitter: `${prefix}${t}`,
              attenuationDb: (t < 2 ? level('close') : level('far')) + bag,
            });
    };
    session(0, 'a', 0);
    session(180, 'b', 10);
    const activity = receiverActivityOfSightings(sightings, p.binSeconds);
    const names = [...new Set(sightings.map((s) => s.transmitter))];
    const { estimates } = estimateReceiverCloseTime(
      names.map((n) =>
        buildEncounters(
          sightings.filter((s) => s.transmitter === n),
          p,
          activity,
        ),
      ),
      p,
    );
    return Object.fromEntries(names.map((n, k) => [n, estimates[k]?.[0]?.closeMinutes ?? 0]));
  }

  it('reads each session against its own carry: the bag does not hide the near ones nor the table bring the far ones close', () => {
    const byCarry = day(carried);
    const byShared = day(shared);
    for (const near of ['a0', 'a1', 'b0', 'b1']) expect(byCarry[near]).toBeGreaterThanOrEqual(P.notifyCloseMinutes);
    for (const far of ['a2', 'a3', 'a4', 'a5', 'b2', 'b3', 'b4', 'b5'])
      expect(byCarry[far]).toBeLessThan(P.notifyCloseMinutes);
    // One offset for the day splits the difference: the bag's near pair loses minutes, the table's far pairs gain.
    expect(byShared.b0).toBeLessThan(byCarry.b0 as number);
    expect(byShared.a2).toBeGreaterThan(byCarry.a2 as number);
  });

  it('changes nothing for a receiver whose encounters form one session', () => {
    const sightings = Array.from({ length: 40 }, (_, k) => ({
      timeMs: T0 + k * 3 * MIN,
      transmitter: `t${k % 4}`,
      attenuationDb: level('mid') + (k % 4),
    }));
    const activity = receiverActivityOfSightings(sightings, P.binSeconds);
    const groups = [0, 1, 2, 3].map((t) =>
      buildEncounters(
        sightings.filter((s) => s.transmitter === `t${t}`),
        P,
        activity,
      ),
    );
    expect(estimateReceiverCloseTime(groups, carried)).toEqual(estimateReceiverCloseTime(groups, shared));
  });
});

describe('receiverCarrySdDb', () => {
  it('must be below the receiver offset it is part of', () => {
    const doc = (v: unknown) => JSON.stringify({ ...P, receiverCarrySdDb: v });
    expect(parseProximityParameters(doc(4.8)).receiverCarrySdDb).toBe(4.8);
    expect(parseProximityParameters(doc(0)).receiverCarrySdDb).toBe(0);
    for (const bad of [5.7, 6, -1, '4']) expect(() => parseProximityParameters(doc(bad))).toThrow(/receiverCarrySdDb/);
  });
});
