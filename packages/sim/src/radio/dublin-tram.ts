/**
 * GAEN-scale attenuation at known distances, from Leith & Farrell's Dublin tram measurements
 * ("Measurement-Based Evaluation Of Google/Apple Exposure Notification API For Proximity
 * Detection In A Light-Rail Tram", PLOS ONE 2020; data: doug-leith/dublintram_gaen_dataset, 72
 * handset pairs carried by seated people, 0.5–5.2 m, GAEN attenuation durations in 2–10 dB
 * bins). Per distance: the duration-weighted mean attenuation of all pairs at about that
 * distance (bin middles), and the minutes behind it. The repository states no licence, so only
 * these derived figures are kept here, not its files.
 *
 * It is the only GAEN-calibrated distance data we could use, and it fixes two things nothing
 * else does: the absolute level of GAEN attenuation (the MIT and rss-smartphone apps advertised
 * at other powers and record no GAEN TX power), and how flat attenuation is against distance
 * in a crowded metal carriage (0.5 m → 63 dB, 5 m → 66 dB).
 */
export const DUBLIN_TRAM_MEAN_ATTENUATION: readonly { distanceM: number; meanDb: number; minutes: number }[] = [
  { distanceM: 0.5, meanDb: 63.1, minutes: 98 },
  { distanceM: 1.6, meanDb: 64.2, minutes: 263 },
  { distanceM: 1.85, meanDb: 63.8, minutes: 144 },
  { distanceM: 2.3, meanDb: 65.4, minutes: 234 },
  { distanceM: 3.1, meanDb: 65.9, minutes: 139 },
  { distanceM: 5.0, meanDb: 66.2, minutes: 154 },
];

/** Spread of the same data: SD of single minutes' attenuation around their distance group's mean, and of the pairs' means. */
export const DUBLIN_TRAM_SPREAD_DB = { withinDistance: 6.9, betweenPairs: 5.9 } as const;
