/**
 * A simulated field test among other people, for docs/accuracy.md ("From a field test of its own
 * phones"): twelve enrolled test phones run the SDK for three hours at three tables of four
 * (side-by-side pairs at −64 dBm, the others at a table at −70, other tables at −86), each
 * phone's carry ±6 dB and every reading ±8 dB, among `outsiders` unenrolled phones at −82. It
 * writes each test phone's export and the observers' truth (the side-by-side pairs close all the
 * time, the rest never), to score as an authority would:
 *
 *   npx tsx packages/sim/measure/field-test-crowd.ts DIR OUTSIDERS
 *   npx bluezone field-test-sightings --out DIR/field.csv DIR/T*.json
 *   npx bluezone proximity-score --input DIR/field.csv --truth DIR/truth.csv [--each-key]
 *
 * The levels are made up, not fitted: the test shows what a test's crowd and the way it is
 * scored do to the decision it points to, not how the estimator does on real phones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationAuthority, recordFieldTest } from '@bluezone/test-support';

const [dir, count] = process.argv.slice(2);
const outsiderCount = Number(count);
if (dir === undefined || !Number.isInteger(outsiderCount) || outsiderCount < 0) {
  console.error('usage: npx tsx packages/sim/measure/field-test-crowd.ts DIR OUTSIDERS');
  process.exit(2);
}
const START = Date.UTC(2026, 11, 8, 9);
const MINUTES = 180;
const phones = Array.from({ length: 12 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`);
const outsiders = Array.from({ length: outsiderCount }, (_, i) => `X${i + 1}`);

/** A fixed draw in [0, 1) per text (FNV-1a), so every run records the same test. */
function draw(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10000) / 10000;
}
const carryDb = (phone: string) => (draw(`carry ${phone}`) - 0.5) * 12;
const table = (phone: string) => Math.floor(phones.indexOf(phone) / 4);
const seat = (phone: string) => phones.indexOf(phone) % 4;
/** Seats 0–1 and 2–3 of a table are side by side. */
const sideBySide = (a: string, b: string) => table(a) === table(b) && (seat(a) ^ seat(b)) === 1;

function levelDbm(receiver: string, advertiser: string): number {
  if (receiver.startsWith('X') || advertiser.startsWith('X')) return -82;
  if (table(receiver) !== table(advertiser)) return -86;
  return sideBySide(receiver, advertiser) ? -64 : -70;
}

const texts = await recordFieldTest({
  authority: configurationAuthority(),
  testId: 'field-test-crowd',
  startsAtMs: START,
  minutes: MINUTES,
  phones,
  outsiders,
  rssi: (rx, adv, t) =>
    Math.round(levelDbm(rx, adv) - carryDb(rx) - carryDb(adv) + (draw(`${rx} ${adv} ${t}`) - 0.5) * 16),
});
mkdirSync(dir, { recursive: true });
for (const [i, text] of texts.entries()) writeFileSync(join(dir, `${phones[i]}.json`), text);
const truth = ['receiver,transmitter,true_close_minutes'];
for (const rx of phones)
  for (const tx of phones) if (rx !== tx) truth.push(`${rx},${tx},${sideBySide(rx, tx) ? MINUTES : 0}`);
writeFileSync(join(dir, 'truth.csv'), `${truth.join('\n')}\n`);
console.log(`${phones.length} test phones among ${outsiderCount} outsiders for ${MINUTES} minutes → ${dir}`);
