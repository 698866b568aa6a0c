/**
 * The receiving phone's offset when its carry can change. The offset has two parts: its
 * calibration against the list, which it keeps, and how it is carried, which it keeps only while
 * it keeps company — a phone on the lunch table goes into a pocket for the train. So a
 * receiver's encounters fall into sessions (a stretch in which it was never out of everyone's
 * hearing for `maxGapMinutes`, the gap that also ends an encounter), each with its own carry
 * offset k_s ~ N(0, σk²) on top of one calibration c ~ N(0, σr² − σk²): within a session the
 * offset is r_s = c + k_s, whose marginal is the single-session prior N(0, σr²).
 *
 * All on the receiver-offset grid of offset-grid.ts: the calibration takes the same points, each
 * session's likelihood p(session | r_i) is the product of its encounters', and
 *   p(data | c) = Π_s Σ_i N(r_i − c; σk²) p(session s | r_i),
 * so session s's offset has the posterior p(s | r_i) · Σ_c N(r_i − c; σk²) p(c | the other sessions).
 * No further HMM runs.
 */
import type { OffsetGrid } from './offset-grid';
import type { Encounter } from './proximity-encounters';
import { logSumExp } from './proximity-hmm';

/**
 * Session index of every encounter (in the order given): encounters chain into one session
 * while each starts less than `gapBins` after the latest end so far.
 */
export function receiverSessions(encounters: readonly Encounter[], gapBins: number): Int32Array {
  const order = encounters
    .map((_, i) => i)
    .sort((a, b) => (encounters[a] as Encounter).firstBin - (encounters[b] as Encounter).firstBin);
  const session = new Int32Array(encounters.length);
  let current = -1;
  let end = Number.NEGATIVE_INFINITY;
  for (const i of order) {
    const e = encounters[i] as Encounter;
    if (e.firstBin - end >= gapBins) current++;
    session[i] = current;
    end = Math.max(end, e.firstBin + e.kind.length);
  }
  return session;
}

const normalLog = (x: number, sd: number) => -0.5 * (x / sd) ** 2;

/**
 * The posterior of the receiver's offset over the grid for each session, given every
 * encounter's log p(encounter | r_i) (`likelihoods`, one array per encounter) and its session.
 * `carrySd` (σk) must be below `totalSd` (σr) and above 0.
 */
export function sessionPosteriors(
  grid: OffsetGrid,
  likelihoods: readonly Float64Array[],
  session: Int32Array,
  totalSd: number,
  carrySd: number,
): Float64Array[] {
  const R = grid.receiver.length;
  const sessions = session.reduce((n, s) => Math.max(n, s + 1), 0);
  const sessionLik = Array.from({ length: sessions }, () => new Float64Array(R));
  likelihoods.forEach((l, e) => {
    const s = sessionLik[session[e] as number] as Float64Array;
    for (let i = 0; i < R; i++) s[i] = (s[i] as number) + (l[i] as number);
  });
  // log N(r_i − c_j; σk²), normalised over i for each calibration c_j (the grid's points).
  const calibrationSd = Math.sqrt(totalSd * totalSd - carrySd * carrySd);
  const logCarry = new Float64Array(R * R);
  const logPriorCalibration = new Float64Array(R);
  for (let j = 0; j < R; j++) {
    const c = grid.receiver[j] as number;
    const row = logCarry.subarray(j * R, (j + 1) * R);
    for (let i = 0; i < R; i++) row[i] = normalLog((grid.receiver[i] as number) - c, carrySd);
    const z = logSumExp(row);
    for (let i = 0; i < R; i++) row[i] = (row[i] as number) - z;
    logPriorCalibration[j] = normalLog(c, calibrationSd);
  }
  // m[s][j] = log Σ_i N(r_i − c_j) p(session s | r_i)
  const terms = new Float64Array(R);
  const m = sessionLik.map((lik) =>
    Float64Array.from({ length: R }, (_, j) => {
      for (let i = 0; i < R; i++) terms[i] = (logCarry[j * R + i] as number) + (lik[i] as number);
      return logSumExp(terms);
    }),
  );
  const logCalibration = Float64Array.from(logPriorCalibration);
  for (const ms of m) for (let j = 0; j < R; j++) logCalibration[j] = (logCalibration[j] as number) + (ms[j] as number);
  return sessionLik.map((lik, s) => {
    const ms = m[s] as Float64Array;
    // p(c | the other sessions) ∝ p(c | all) / p(session s | c)
    const others = logCalibration.map((v, j) => v - (ms[j] as number));
    const post = new Float64Array(R);
    const cTerms = new Float64Array(R);
    for (let i = 0; i < R; i++) {
      for (let j = 0; j < R; j++) cTerms[j] = (others[j] as number) + (logCarry[j * R + i] as number);
      post[i] = logSumExp(cTerms) + (lik[i] as number);
    }
    const z = logSumExp(post);
    return post.map((v) => Math.exp(v - z));
  });
}
