/**
 * A sightings CSV read from its file line by line. A day of twenty phones that log every
 * advertisement they hear is gigabytes of text, past the longest string a JavaScript engine
 * makes (~512 MB): read whole, such a file could not be opened at all. Lines are split as
 * `parseSightingsCsv` splits them (at "\n", a "\r" before it dropped), so a file gives the same
 * rows and the same errors, with the same line numbers, either way.
 */
import { createReadStream } from 'node:fs';
import { SimError } from '../sim-error';
import { checkSightingsHeader, parseSightingLine, type SightingLine } from './sightings-csv';

const MAX_LINE_CHARS = 1 << 20;

/** Hands each row of the file at `path` to `onRow`, in file order; throws at the first bad line. */
export async function readSightingsFile(path: string, onRow: (row: SightingLine) => void): Promise<void> {
  let n = 0;
  let rest = '';
  const take = (line: string) => {
    n++;
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (n === 1) checkSightingsHeader(text);
    else {
      const row = parseSightingLine(text, n);
      if (row) onRow(row);
    }
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      take(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
    // A sightings line is a hundred bytes; a megabyte without a line end is another kind of file.
    if (rest.length > MAX_LINE_CHARS)
      throw new SimError('invalid_csv', `line ${n + 1}: over ${MAX_LINE_CHARS} characters without a line end`);
  }
  take(rest);
}
