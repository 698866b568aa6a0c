/**
 * One CSV record split into fields, per RFC 4180 §2: fields may be quoted, a quoted field may
 * hold commas, and "" inside quotes is a literal quote. Shared by every CSV reader of ours
 * (device calibration table, sightings files); callers add the line number to errors.
 * `quoteCsvField` is the writers' half.
 */
import { ProtocolError } from './errors';

export function splitCsvRecord(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new ProtocolError('invalid_argument', 'unterminated quoted field');
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      fields.push(line.slice(i, comma < 0 ? line.length : comma));
      i = comma < 0 ? line.length : comma;
    }
    if (i >= line.length) return fields;
    if (line[i] !== ',') throw new ProtocolError('invalid_argument', 'text after a closing quote');
    i++;
  }
}

/** A field as RFC 4180 writes it: quoted, its quotes doubled, when it holds a comma, a quote or a line feed. */
export function quoteCsvField(field: string): string {
  return /[",\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
