/**
 * Band priors for a receiver in a crowd. The parameters' priors are shares of in-range time in
 * places of a given size; but the room within 2 m does not grow with the crowd (a table seats a
 * few, a queue has two neighbours, a party group three or four), so a phone that hears twenty
 * others has about as many of them close as one that hears eight, and each of the twenty is
 * close half as often. In the social settings' geometry a person in a crowd has 2.5–2.7 others
 * within 2 m whether the group is 10 or 20, while their share of in-range time falls from 29 %
 * to 17 % (`settingCloseCount`, sim). So when the receiver's own count of transmitters heard says
 * more are in range than the priors' share of close time explains, the close bands keep
 * `crowdCloseCount` people between them and the farther in-range bands take the rest; a
 * smaller crowd keeps the priors as they are (few people in range says little about where they
 * stand: they may be arriving, leaving, or across the room).
 */
import type { ProximityParameters } from './proximity-parameters';

/**
 * Priors of the K = bands + 1 states (the last is "absent") for a bin in which the receiver
 * heard `heard` transmitters; the parameters' own priors when `crowdCloseCount` is not set or
 * the count is unknown (0).
 */
export function crowdPriors(p: ProximityParameters, heard: number): Float64Array {
  const K = p.states.length + 1;
  const prior = new Float64Array(K);
  p.states.forEach((s, k) => {
    prior[k] = s.prior;
  });
  prior[K - 1] = p.absentPrior;
  const lambda = p.crowdCloseCount;
  if (lambda === undefined || !(heard > 0)) return prior;
  let inRange = 0;
  let close = 0;
  let detected = 0;
  p.states.forEach((s) => {
    inRange += s.prior;
    detected += s.prior * s.detectProbability;
    if (s.maxDistanceM <= p.closeDistanceM) close += s.prior;
  });
  // Heard counts what was detected; in range is that over the chance of being heard.
  const present = heard / (detected / inRange);
  const share = close / inRange;
  const crowdShare = Math.min(share, lambda / present);
  if (crowdShare >= share) return prior;
  const nearScale = crowdShare / share;
  const farScale = (1 - crowdShare) / (1 - share);
  p.states.forEach((s, k) => {
    prior[k] = s.prior * (s.maxDistanceM <= p.closeDistanceM ? nearScale : farScale);
  });
  return prior;
}
