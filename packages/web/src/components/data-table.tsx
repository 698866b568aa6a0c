/**
 * Every table of the web app: a header row of column names and one row per item, scrolling
 * sideways inside its card on a narrow phone (`.table-wrap`), or a short "nothing yet" line. A
 * `stacked` table turns each row into a card on a phone instead, every cell under its column's name.
 */
import type { ReactNode } from 'react';
import { Empty } from './loadable';

export interface Column<T> {
  /** The column's name (a visually hidden one for a column of buttons). */
  header: ReactNode;
  cell(row: T): ReactNode;
  /** `num` right-aligns figures; `actions` lays out a row's buttons. */
  className?: 'num' | 'actions';
  /** A test id for the cell of `row`. */
  testId?(row: T): string;
}

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  rowClassName,
  empty,
  stacked = false,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string | number;
  rowClassName?(row: T): string;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** On a narrow screen, each row as a card (cells labelled with their column's name). */
  stacked?: boolean;
}) {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div className="table-wrap">
      <table className={stacked ? 'stacked' : undefined}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns are fixed in number and order
              <th key={i} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...(rowClassName ? { className: rowClassName(row) } : {})}>
              {columns.map((c, i) => (
                <td
                  // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns are fixed in number and order
                  key={i}
                  className={c.className}
                  data-testid={c.testId?.(row)}
                  data-label={stacked && typeof c.header === 'string' ? c.header : undefined}
                >
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A column header that only screen readers hear (e.g. over a column of buttons). */
export function HiddenHeader({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}
