/**
 * Where people are, minute by minute, in five everyday settings: a lunch, a train ride, an
 * office, a queue and a party — the kinds of places a contact-tracing app must get right and
 * where most people heard are *not* within 2 m. Each setting is a floor plan and a movement
 * rule taken from published figures on how people use such spaces (the sources are named at
 * each one); nothing here comes from any BLE measurement. The radio is added elsewhere
 * (setting-synthesis.ts).
 *
 * Sources for the geometry:
 *   - seating: canteen and restaurant tables give ~0.6 m of table edge per diner and are
 *     0.75–0.9 m across (Neufert, "Architects' Data", 4th ed., dining); regional trains seat 2+2
 *     at a 0.75–0.9 m row pitch in a ~2.8 m wide car (UIC 567 car widths; EN 16585);
 *   - offices: 8–12 m² of floor per open-plan workstation, desks 1.6 m wide in clusters of four
 *     (British Council for Offices, "Guide to Specification", 2019: 8–13 m² per workplace);
 *   - queues: 0.6–1.0 m per person in a single file (Fruin, "Pedestrian Planning and Design",
 *     1971, queuing levels of service B–C);
 *   - conversation groups: free-forming groups of 1–5 (sizes a truncated Poisson of mean ~2.5:
 *     Coleman & James, Sociometry 24, 1961) standing at Hall's personal distance, 0.5–1.2 m
 *     apart (Hall, "The Hidden Dimension", 1966; Sorokowska et al., J. Cross-Cult. Psychol. 2017).
 * How long people keep their place (whole meal, whole ride, hours at a desk, a few minutes in a
 * party group) is the settings' defining difference and is stated at each one.
 */
import type { Prng } from '../prng';

export const SOCIAL_SETTINGS = ['lunch', 'train', 'office', 'queue', 'party'] as const;
export type SocialSetting = (typeof SOCIAL_SETTINGS)[number];

/** Positions of each person per minute (x, y in metres; NaN while absent). */
export interface SettingLayout {
  setting: SocialSetting;
  minutes: number;
  people: number;
  /** Person p at minute m: x = position[p][2m], y = position[p][2m + 1]. */
  position: Float32Array[];
  /**
   * How flat attenuation is against distance here: the exponent γ of the effective distance
   * 1.5 m · (d / 1.5 m)^γ whose open-room recording a pair at distance d sounds like (1: an open
   * room as recorded; 0.3: a metal carriage full of people, Leith & Farrell's tram, whose
   * attenuation rose only 3 dB from 0.5 to 5 m against ~11 dB in open rooms).
   */
  crowdExponent: number;
}

function absentLayout(setting: SocialSetting, minutes: number, people: number, crowdExponent: number): SettingLayout {
  return {
    setting,
    minutes,
    people,
    position: Array.from({ length: people }, () => new Float32Array(2 * minutes).fill(Number.NaN)),
    crowdExponent,
  };
}

function place(layout: SettingLayout, person: number, from: number, to: number, x: number, y: number): void {
  const pos = layout.position[person] as Float32Array;
  for (let m = Math.max(0, from); m < Math.min(layout.minutes, to); m++) {
    pos[2 * m] = x;
    pos[2 * m + 1] = y;
  }
}

const uniform = (prng: Prng, lo: number, hi: number) => lo + prng.float() * (hi - lo);

/**
 * Lunch: tables of 4–6 with 0.6 m of edge per diner, 0.8 m across, 3.4 m between table centres
 * along a row (1.6–2 m between table ends) and 3.2 m between rows (diners back to back ~2 m
 * apart). People arrive over the first 10 minutes and stay seated
 * for the meal (30–60 min); one in five gets up once for 3–6 minutes (counter, bathroom).
 * Crowd exponent 0.7: a full room of bodies and furniture, between an open room and the tram.
 */
function lunch(prng: Prng, people: number): SettingLayout {
  const minutes = 75;
  const layout = absentLayout('lunch', minutes, people, 0.7);
  const tables: number[] = [];
  for (let left = people; left > 0; ) {
    const size = Math.min(left, 4 + prng.int(3));
    tables.push(size);
    left -= size;
  }
  let person = 0;
  tables.forEach((size, t) => {
    const cx = (t % 3) * 3.4 + uniform(prng, -0.2, 0.2);
    const cy = Math.floor(t / 3) * 3.2 + uniform(prng, -0.2, 0.2);
    const perSide = Math.ceil(size / 2);
    for (let s = 0; s < size; s++, person++) {
      const side = s < perSide ? -1 : 1;
      const k = s < perSide ? s : s - perSide;
      const x = cx + (k - (perSide - 1) / 2) * 0.6;
      const y = cy + side * 0.4;
      const arrive = prng.int(10);
      const leave = arrive + 30 + prng.int(31);
      place(layout, person, arrive, leave, x, y);
      if (prng.chance(0.2)) {
        const away = arrive + 5 + prng.int(Math.max(1, leave - arrive - 10));
        place(layout, person, away, away + 3 + prng.int(4), Number.NaN, Number.NaN);
      }
    }
  });
  return layout;
}

/**
 * A regional train car, 2.8 m wide, 2+2 seats (0.5 m apart across a pair, a 0.8 m aisle) at a
 * 0.85 m row pitch, 20 rows. Passengers board at three stops 10 minutes apart and ride 15–50
 * minutes, seated throughout; a third travel with a companion and sit beside them, others take
 * a seat in the emptiest rows first (people avoid sitting next to strangers while they can).
 * Crowd exponent 0.3: the tram's.
 */
function train(prng: Prng, people: number): SettingLayout {
  const minutes = 70;
  const layout = absentLayout('train', minutes, people, 0.3);
  const rows = 20;
  const seatX = [0.35, 0.85, 1.95, 2.45];
  const taken: { until: number }[][] = Array.from({ length: rows }, () => seatX.map(() => ({ until: -1 })));
  const rowLoad = (r: number, m: number) => (taken[r] as { until: number }[]).filter((s) => s.until > m).length;
  let person = 0;
  while (person < people) {
    const board = 10 * prng.int(3);
    const leave = Math.min(minutes, board + 15 + prng.int(36));
    const together = person + 1 < people && prng.chance(0.33) ? 2 : 1;
    // Emptiest rows first, ties at random.
    const order = Array.from({ length: rows }, (_, r) => r).sort(
      (a, b) => rowLoad(a, board) - rowLoad(b, board) || prng.float() - 0.5,
    );
    let seated = false;
    for (const r of order) {
      const row = taken[r] as { until: number }[];
      // A companion pair needs the two seats of one side.
      for (const side of together === 2 ? [0, 2] : [0, 1, 2, 3]) {
        const seats = together === 2 ? [side, side + 1] : [side];
        if (!seats.every((s) => (row[s] as { until: number }).until <= board)) continue;
        for (const s of seats) {
          (row[s] as { until: number }).until = leave;
          place(layout, person, board, leave, seatX[s] as number, r * 0.85);
          person++;
        }
        seated = true;
        break;
      }
      if (seated) break;
    }
    if (!seated) person += together; // the car is full: they stand elsewhere, out of this car
  }
  return layout;
}

/**
 * An open-plan office: clusters of four desks (1.6 m apart side by side, 1.6 m facing) on a grid
 * 4.8 m apart, ~10 m² per person. Over two hours each person spends 10–25 % away from the desk
 * (breaks, 5–15 minutes at a time) and about once in two hours stands at a colleague's desk for
 * 5–15 minutes (0.8 m from them). Crowd exponent 1: an open room, as the recordings were made.
 */
function office(prng: Prng, people: number): SettingLayout {
  const minutes = 120;
  const layout = absentLayout('office', minutes, people, 1);
  const desks: [number, number][] = [];
  for (let i = 0; i < people; i++) {
    const cluster = Math.floor(i / 4);
    const k = i % 4;
    desks.push([(cluster % 3) * 4.8 + (k % 2) * 1.6, Math.floor(cluster / 3) * 4.8 + Math.floor(k / 2) * 1.6]);
  }
  for (let p = 0; p < people; p++) {
    const [x, y] = desks[p] as [number, number];
    place(layout, p, 0, minutes, x, y);
  }
  for (let p = 0; p < people; p++) {
    for (let m = prng.int(40); m < minutes; m += 30 + prng.int(60)) {
      const length = 5 + prng.int(11);
      if (prng.chance(0.6)) place(layout, p, m, m + length, Number.NaN, Number.NaN);
      else {
        const [x, y] = desks[prng.int(people)] as [number, number];
        place(layout, p, m, m + length, x + 0.8, y);
      }
    }
  }
  return layout;
}

/**
 * A single-file queue at 0.6–1.0 m per person and one service every 1–2 minutes (one spacing
 * and one pace per queue); ten wait when it starts and one more joins per service, so the
 * queue keeps its length and everyone waits 10–20 minutes beside the same neighbours, moving
 * up together. Crowd exponent 0.5: the people in between block the line of sight.
 */
function queue(prng: Prng, people: number): SettingLayout {
  const spacing = uniform(prng, 0.6, 1.0);
  const service = 1 + prng.int(3) / 2;
  const waiting = Math.min(10, people);
  const minutes = Math.ceil(people * service) + 5;
  const layout = absentLayout('queue', minutes, people, 0.5);
  for (let p = 0; p < people; p++) {
    const lateral = uniform(prng, -0.15, 0.15);
    // Person p reaches the counter at p·service and leaves after one service.
    const atCounter = p * service;
    const join = Math.max(0, Math.floor(atCounter - (waiting - 1) * service));
    for (let m = join; m < atCounter + service; m++) {
      const ahead = Math.max(0, Math.ceil((atCounter - m) / service));
      place(layout, p, m, m + 1, ahead * spacing, lateral);
    }
  }
  return layout;
}

/**
 * A standing party in an 8 × 10 m room: free-forming groups of up to five, members 0.5–0.7 m
 * from the group's centre (0.8–1.2 m apart); each minute a person leaves the group with
 * probability 1/20 (a member stays ~20 minutes) and joins a group where one of their own circle
 * of 3–4 friends stands (70 %), another group (15 %) or starts one elsewhere. Guests arrive over
 * the first 20 minutes and the evening is watched for an hour. Crowd exponent 0.7.
 */
function party(prng: Prng, people: number): SettingLayout {
  const minutes = 60;
  const layout = absentLayout('party', minutes, people, 0.7);
  const centres: [number, number][] = [];
  const newCentre = (): number => {
    for (let tries = 0; tries < 50; tries++) {
      const c: [number, number] = [uniform(prng, 0.8, 7.2), uniform(prng, 0.8, 9.2)];
      if (centres.every(([x, y]) => Math.hypot(x - c[0], y - c[1]) >= 2)) {
        centres.push(c);
        return centres.length - 1;
      }
    }
    centres.push([uniform(prng, 0.8, 7.2), uniform(prng, 0.8, 9.2)]);
    return centres.length - 1;
  };
  const group = new Int32Array(people).fill(-1);
  const angle = new Float32Array(people);
  const radius = new Float32Array(people);
  const arrive = Int32Array.from({ length: people }, () => prng.int(20));
  // Circles of friends: consecutive guests in fours (the last may be smaller).
  const circle = (p: number) => Math.floor(p / 4);
  const join = (p: number) => {
    const members = (g: number) => group.filter((x) => x === g).length;
    const open = centres.map((_, g) => g).filter((g) => members(g) > 0 && members(g) < 5 && g !== group[p]);
    const friends = open.filter((g) => group.some((x, q) => x === g && circle(q) === circle(p)));
    const u = prng.float();
    group[p] =
      u < 0.7 && friends.length > 0
        ? (friends[prng.int(friends.length)] as number)
        : u < 0.85 && open.length > 0
          ? (open[prng.int(open.length)] as number)
          : newCentre();
    angle[p] = prng.float() * 2 * Math.PI;
    radius[p] = uniform(prng, 0.5, 0.7);
  };
  for (let m = 0; m < minutes; m++) {
    for (let p = 0; p < people; p++) {
      if (m < (arrive[p] as number)) continue;
      if (group[p] === -1 || prng.chance(1 / 20)) join(p);
      const [cx, cy] = centres[group[p] as number] as [number, number];
      const a = angle[p] as number;
      const r = radius[p] as number;
      place(layout, p, m, m + 1, cx + r * Math.cos(a), cy + r * Math.sin(a));
    }
  }
  return layout;
}

/**
 * The same setting in `scale` of the time: minute m of the result is minute ⌊m / scale⌋ of the
 * layout, so every stay, ride, wait and the setting itself last `scale` times as long and who
 * sits or stands where is unchanged. Staged experiments run their scenarios for minutes rather
 * than a meal's or a working morning's length; how long pairs stay is a guess of the synthesis
 * as much as where they stand.
 */
export function scaleSettingTime(layout: SettingLayout, scale: number): SettingLayout {
  if (scale === 1) return layout;
  const minutes = Math.max(1, Math.round(layout.minutes * scale));
  const from = (m: number) => Math.min(layout.minutes - 1, Math.floor(m / scale));
  const position = layout.position.map((pos) => {
    const out = new Float32Array(2 * minutes);
    for (let m = 0; m < minutes; m++) {
      out[2 * m] = pos[2 * from(m)] as number;
      out[2 * m + 1] = pos[2 * from(m) + 1] as number;
    }
    return out;
  });
  return { ...layout, minutes, position };
}

export function socialSetting(setting: SocialSetting, prng: Prng, people: number): SettingLayout {
  switch (setting) {
    case 'lunch':
      return lunch(prng, people);
    case 'train':
      return train(prng, people);
    case 'office':
      return office(prng, people);
    case 'queue':
      return queue(prng, people);
    case 'party':
      return party(prng, people);
  }
}

/** Distance between two people at minute m, or NaN when either is absent. */
export function distanceAt(layout: SettingLayout, a: number, b: number, m: number): number {
  const pa = layout.position[a] as Float32Array;
  const pb = layout.position[b] as Float32Array;
  return Math.hypot(
    (pa[2 * m] as number) - (pb[2 * m] as number),
    (pa[2 * m + 1] as number) - (pb[2 * m + 1] as number),
  );
}
