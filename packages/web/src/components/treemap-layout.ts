/**
 * Squarified treemap layout (Bruls, Huizing, van Wijk 2000): rectangles whose areas are
 * proportional to the values, laid out row by row along the shorter side so cells stay close
 * to square and small communes remain readable. Pure function, tested on its own.
 */
export interface TreemapCell<T> {
  item: T;
  x: number;
  y: number;
  w: number;
  h: number;
}

function worstRatio(row: number[], side: number): number {
  const sum = row.reduce((a, b) => a + b, 0);
  const max = Math.max(...row);
  const min = Math.min(...row);
  return Math.max((side * side * max) / (sum * sum), (sum * sum) / (side * side * min));
}

export function layoutTreemap<T>(
  items: readonly T[],
  value: (item: T) => number,
  width: number,
  height: number,
): TreemapCell<T>[] {
  const positive = items.filter((i) => value(i) > 0).sort((a, b) => value(b) - value(a));
  const total = positive.reduce((a, i) => a + value(i), 0);
  if (total === 0 || width <= 0 || height <= 0) return [];
  const scale = (width * height) / total;
  const areas = positive.map((i) => value(i) * scale);
  const cells: TreemapCell<T>[] = [];
  let x = 0;
  let y = 0;
  let w = width;
  let h = height;
  let start = 0;
  while (start < areas.length) {
    const side = Math.min(w, h);
    let end = start + 1;
    while (
      end < areas.length &&
      worstRatio(areas.slice(start, end + 1), side) <= worstRatio(areas.slice(start, end), side)
    ) {
      end++;
    }
    const row = areas.slice(start, end);
    const rowArea = row.reduce((a, b) => a + b, 0);
    const thickness = rowArea / side;
    let offset = 0;
    for (let k = 0; k < row.length; k++) {
      const length = (row[k] as number) / thickness;
      const item = positive[start + k] as T;
      cells.push(
        w >= h
          ? { item, x, y: y + offset, w: thickness, h: length }
          : { item, x: x + offset, y, w: length, h: thickness },
      );
      offset += length;
    }
    if (w >= h) {
      x += thickness;
      w -= thickness;
    } else {
      y += thickness;
      h -= thickness;
    }
    start = end;
  }
  return cells;
}
