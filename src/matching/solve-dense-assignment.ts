/**
 * A dense assignment problem: `rowCount ≤ columnCount`, integer weights in row-major order,
 * every row assigned to a distinct column so that the total weight is largest. Weights are
 * doubles holding integers (the scores as a graph stores them, when they are integers), so
 * that every sum the solver forms is exact and no matrix has to be written for it.
 */
export type DenseAssignmentProblem = {
  readonly rowCount: number;
  readonly columnCount: number;
  /** `weight[row * columnCount + column]`, integers. */
  readonly weight: Float64Array;
  /**
   * No weight is above this: a column reaching it has found its maximum (absent: unknown,
   * every row is read). A caller may guess it, if it then checks the duals and the guess:
   * beyond a wrong ceiling the result always comes, but may be wrong.
   */
  readonly weightCeiling?: number;
};

/**
 * A largest-weight assignment with the duals that prove it: every
 * `rowDual + columnDual - weight` is ≥ 0 and 0 on used pairs; when columns outnumber rows,
 * free columns keep `columnDual = 0` and all column duals are ≥ 0.
 */
export type DenseAssignment = {
  readonly rowColumn: Int32Array;
  readonly rowDual: Float64Array;
  readonly columnDual: Float64Array;
};

/**
 * Always ends, whatever the weights; null when a search meets no column at a finite distance
 * (a weight that is not finite), so that a caller may solve first and check its input in the
 * pass that checks the duals.
 *
 * Jonker–Volgenant (1987), on costs `-weight` read in place: on square problems column
 * reduction, reduction transfer and two rounds of augmenting row reduction assign most rows;
 * every remaining row then takes a shortest augmenting path, found by scanning at once all
 * the columns at the current minimum distance (weights with many ties, like 1–100, end most
 * searches in one or two scans). Rectangular problems skip the reductions so that free
 * columns stay at dual 0.
 *
 * The column dual is kept as a price (the opposite of the cost dual): the reduced cost of a
 * pair is then `price - weight - rowDual`, one subtraction fewer in every scan.
 */
export function solveDenseAssignment(problem: DenseAssignmentProblem): DenseAssignment | null {
  const { rowCount: n, columnCount: m, weight } = problem;
  const rowColumn = new Int32Array(n).fill(-1);
  const columnRow = new Int32Array(m).fill(-1);
  const price = new Float64Array(m);
  let free: number[] = [];

  if (n === m && n > 0) {
    free = reduceColumns();
    free = assignFreeAtZero(free);
    for (let round = 0; round < 2 && free.length > 0; round++) free = reduceRowsByAugmenting(free);
  } else {
    for (let i = 0; i < n; i++) free.push(i);
  }

  if (free.length > 0) {
    const distance = new Float64Array(m);
    const predecessor = new Int32Array(m);
    const columnList = new Int32Array(m);
    const isListed = new Uint8Array(m);
    for (const row of free) {
      if (augmentAtLeast(row, distance, predecessor, columnList, isListed)) continue;
      if (!augmentFrom(row, distance, predecessor, columnList, isListed)) return null;
    }
  }

  const rowDual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = rowColumn[i]!;
    rowDual[i] = weight[i * m + j]! - price[j]!;
  }
  return { rowColumn, rowDual, columnDual: price };

  /**
   * A free row takes a free column where its reduced cost is 0, hence least (reduced costs
   * are ≥ 0 after column reduction). Each row is read in order from where the last row took
   * a column, wrapping around: sequential reads stream from memory, where probing only the
   * free columns (a hundred probes a row among 1–100 ties) waited for memory at each probe;
   * starting from the last take, not from column 0, keeps the scans from crossing the
   * columns already taken again and again.
   */
  function assignFreeAtZero(rows: readonly number[]): number[] {
    const left: number[] = [];
    let start = 0;
    for (const i of rows) {
      const base = i * m;
      let taken = findFreeAtZero(weight, price, columnRow, base, start, m);
      if (taken < 0) taken = findFreeAtZero(weight, price, columnRow, base, 0, start);
      if (taken < 0) {
        left.push(i);
      } else {
        rowColumn[i] = taken;
        columnRow[taken] = i;
        start = taken + 1 === m ? 0 : taken + 1;
      }
    }
    return left;
  }

  /** Each column's price is its largest weight; its best row takes it when still free. */
  function reduceColumns(): number[] {
    const matches = new Int32Array(n);
    // Maxima row by row (the matrix is row-major), first row on ties. Once every column has
    // met the ceiling of the weights, the later rows cannot change anything; once all but a
    // 32nd have, the rest take the ceiling as price (any price from the maximum up is
    // feasible) and stay free, which saves the long tail of rows that many ties otherwise
    // need.
    const columnMax = weight.slice(0, m);
    const columnMaxRow = new Int32Array(m);
    const ceiling = problem.weightCeiling ?? Infinity;
    let below = 0;
    for (let j = 0; j < m; j++) if (columnMax[j]! < ceiling) below++;
    let scanned = 1;
    for (; scanned < n && below * 32 > m; scanned++) {
      below = raiseColumnMaxima(weight, scanned, m, columnMax, columnMaxRow, ceiling, below);
    }
    const isPartial = scanned < n;
    for (let j = m - 1; j >= 0; j--) {
      const max = columnMax[j]!;
      if (isPartial && max < ceiling) {
        price[j] = ceiling;
        continue;
      }
      const maxRow = columnMaxRow[j]!;
      price[j] = max;
      matches[maxRow]!++;
      if (matches[maxRow] === 1) {
        rowColumn[maxRow] = j;
        columnRow[j] = maxRow;
      } else if (price[j]! > price[rowColumn[maxRow]!]!) {
        const previous = rowColumn[maxRow]!;
        rowColumn[maxRow] = j;
        columnRow[j] = maxRow;
        columnRow[previous] = -1;
      } else {
        columnRow[j] = -1;
      }
    }
    // Reduction transfer: a row holding its only column passes its slack to that column.
    const left: number[] = [];
    for (let i = 0; i < n; i++) {
      if (matches[i] === 0) {
        left.push(i);
      } else if (matches[i] === 1) {
        const j1 = rowColumn[i]!;
        const min = leastOtherSlack(weight, price, i * m, m, j1);
        if (min !== Infinity) price[j1]! += min;
      }
    }
    return left;
  }

  /** Augmenting row reduction: a free row takes its best column at its second-best value. */
  function reduceRowsByAugmenting(rows: readonly number[]): number[] {
    const queue = Int32Array.from(rows);
    const left: number[] = [];
    let k = 0;
    let budget = 4 * n + 100;
    while (k < queue.length) {
      const i = queue[k++]!;
      if (budget-- <= 0) {
        left.push(i);
        continue;
      }
      const base = i * m;
      let best = Infinity;
      let bestColumn = -1;
      let second = Infinity;
      let secondColumn = -1;
      for (let j = 0; j < m && second > 0; j++) {
        const h = price[j]! - weight[base + j]!;
        if (h < second) {
          if (h < best) {
            second = best;
            secondColumn = bestColumn;
            best = h;
            bestColumn = j;
          } else {
            second = h;
            secondColumn = j;
          }
        }
      }
      if (bestColumn < 0) {
        // No weight compared (not finite): the search reports it.
        left.push(i);
        continue;
      }
      let j = bestColumn;
      let holder = columnRow[j]!;
      if (best < second) {
        price[j] = price[j]! + (second - best);
      } else if (holder >= 0 && secondColumn >= 0) {
        j = secondColumn;
        holder = columnRow[j]!;
      }
      if (holder >= 0) {
        // After a strict price change the evicted row bids at once, else in the next round.
        if (best < second) queue[--k] = holder;
        else left.push(holder);
        rowColumn[holder] = -1;
      }
      rowColumn[i] = j;
      columnRow[j] = i;
    }
    return left;
  }

  /**
   * The shortest augmenting path when it ends at the origin's least reduced cost, else false
   * (nothing changed): a search over pairs of reduced cost 0 from the columns at that least
   * value, which lists, scans and ends exactly as `augmentFrom` does on its first distance
   * level, and no price moves then (only columns scanned before a later level do). With many
   * ties most searches end there; this one only compares each weight, without the distance
   * updates whose branch is taken at random early in a search.
   */
  function augmentAtLeast(
    origin: number,
    distance: Float64Array,
    predecessor: Int32Array,
    columnList: Int32Array,
    isListed: Uint8Array,
  ): boolean {
    startDistances(weight, price, origin, m, distance, predecessor);
    let up = listNearest(distance, isListed, columnList, 0, m);
    let low = 0;
    let endColumn = markListed(columnList, isListed, columnRow, 0, up);
    while (endColumn < 0 && low < up) {
      const j1 = columnList[low++]!;
      const scan = scanTight(
        weight,
        price,
        columnRow[j1]!,
        j1,
        m,
        predecessor,
        columnList,
        isListed,
        columnRow,
        up,
      );
      if (scan < 0) {
        up = -scan - 1;
        endColumn = columnList[up]!;
      } else {
        up = scan;
      }
    }
    for (let k = 0; k < up; k++) isListed[columnList[k]!] = 0;
    if (endColumn < 0) return false;
    flipPath(origin, endColumn, predecessor);
    return true;
  }

  /** Reverses the augmenting path that ends at a free column, from its predecessors. */
  function flipPath(origin: number, endColumn: number, predecessor: Int32Array): void {
    let j = endColumn;
    for (;;) {
      const i = predecessor[j]!;
      columnRow[j] = i;
      const previous = rowColumn[i]!;
      rowColumn[i] = j;
      if (i === origin) break;
      j = previous;
    }
  }

  /**
   * Shortest augmenting path from a free row (Dijkstra over columns, dense); false when no
   * column is at a finite distance (a weight that is not finite).
   */
  function augmentFrom(
    origin: number,
    distance: Float64Array,
    predecessor: Int32Array,
    columnList: Int32Array,
    isListed: Uint8Array,
  ): boolean {
    startDistances(weight, price, origin, m, distance, predecessor);
    // columnList[0, low): scanned; [low, up): at the current minimum, to scan. Columns
    // elsewhere are walked in index order (flagged by isListed), so that each row scan
    // reads its weights sequentially.
    let low = 0;
    let up = 0;
    let last = 0;
    let min = 0;
    let endColumn = -1;
    for (;;) {
      if (up === low) {
        last = low;
        up = listNearest(distance, isListed, columnList, low, m);
        if (up === low) break;
        min = distance[columnList[low]!]!;
        endColumn = markListed(columnList, isListed, columnRow, low, up);
        if (endColumn >= 0) break;
      }
      const j1 = columnList[low++]!;
      const i = columnRow[j1]!;
      const scan = scanRow(
        weight,
        price,
        i,
        j1,
        m,
        min,
        distance,
        predecessor,
        columnList,
        isListed,
        columnRow,
        up,
      );
      if (scan < 0) {
        up = -scan - 1;
        endColumn = columnList[up]!;
        break;
      }
      up = scan;
    }
    for (let k = 0; k < up; k++) isListed[columnList[k]!] = 0;
    if (endColumn < 0) return false;
    for (let k = 0; k < last; k++) {
      const j = columnList[k]!;
      price[j] = price[j]! - distance[j]! + min;
    }
    flipPath(origin, endColumn, predecessor);
    return true;
  }
}

/** The first free column in [from, to) where the row's reduced cost is 0, or -1. */
function findFreeAtZero(
  weight: Float64Array,
  price: Float64Array,
  columnRow: Int32Array,
  base: number,
  from: number,
  to: number,
): number {
  for (let j = from; j < to; j++) {
    if (price[j] === weight[base + j] && columnRow[j]! < 0) return j;
  }
  return -1;
}

/**
 * Column reduction, one row: raises the column maxima it beats; returns how many columns stay
 * below the ceiling. The hot loops are functions of their own, so that V8 optimises each one soon and apart:
 * the dense path runs once per process, and a long function optimised for its first loop
 * falls back to the interpreter when it reaches the next.
 */
function raiseColumnMaxima(
  weight: Float64Array,
  row: number,
  m: number,
  columnMax: Float64Array,
  columnMaxRow: Int32Array,
  ceiling: number,
  below: number,
): number {
  const base = row * m;
  for (let j = 0; j < m; j++) {
    const w = weight[base + j]!;
    if (w > columnMax[j]!) {
      columnMax[j] = w;
      columnMaxRow[j] = row;
      if (w === ceiling) below--;
    }
  }
  return below;
}

/**
 * Reduction transfer, one row: its least reduced cost off its column `j1`. Reduced costs
 * never fall below 0 (prices only rise): a 0 ends the scan.
 */
function leastOtherSlack(
  weight: Float64Array,
  price: Float64Array,
  base: number,
  m: number,
  j1: number,
): number {
  let min = Infinity;
  for (let j = 0; j < m && min > 0; j++) {
    const h = price[j]! - weight[base + j]!;
    if (j !== j1 && h < min) min = h;
  }
  return min;
}

/** Distances of a search from its origin row: the origin's reduced costs. */
function startDistances(
  weight: Float64Array,
  price: Float64Array,
  origin: number,
  m: number,
  distance: Float64Array,
  predecessor: Int32Array,
): void {
  const base = origin * m;
  for (let j = 0; j < m; j++) {
    distance[j] = price[j]! - weight[base + j]!;
    predecessor[j] = origin;
  }
}

/**
 * Lists from `low` on every column not yet listed at the least distance; returns the end of
 * the list (`low` when no column is at a finite distance).
 */
function listNearest(
  distance: Float64Array,
  isListed: Uint8Array,
  columnList: Int32Array,
  low: number,
  m: number,
): number {
  let up = low;
  let min = Infinity;
  for (let j = 0; j < m; j++) {
    if (isListed[j] === 1) continue;
    const h = distance[j]!;
    if (h <= min) {
      if (h < min) {
        up = low;
        min = h;
      }
      columnList[up++] = j;
    }
  }
  return up;
}

/**
 * Flags the columns listed in [low, up) up to the first free one, returned (-1 if none): the
 * search ends there.
 */
function markListed(
  columnList: Int32Array,
  isListed: Uint8Array,
  columnRow: Int32Array,
  low: number,
  up: number,
): number {
  for (let k = low; k < up; k++) {
    const j = columnList[k]!;
    isListed[j] = 1;
    if (columnRow[j]! < 0) return j;
  }
  return -1;
}

/**
 * Scans row `i`, reached through its column `j1` at distance `min`: lowers the distances it
 * shortens and lists the columns it brings to `min`. Returns the new end of the list `up`,
 * or `-(up + 1)` when a free column is reached at `min` (the search ends there), that column
 * then written just past the list, at `columnList[up]`.
 */
function scanRow(
  weight: Float64Array,
  price: Float64Array,
  i: number,
  j1: number,
  m: number,
  min: number,
  distance: Float64Array,
  predecessor: Int32Array,
  columnList: Int32Array,
  isListed: Uint8Array,
  columnRow: Int32Array,
  up: number,
): number {
  const rowBase = i * m;
  const offset = price[j1]! - weight[rowBase + j1]! - min;
  for (let j = 0; j < m; j++) {
    if (isListed[j] === 1) continue;
    const h = price[j]! - weight[rowBase + j]! - offset;
    if (h < distance[j]!) {
      distance[j] = h;
      predecessor[j] = i;
      if (h === min) {
        up = listOrEnd(j, columnList, isListed, columnRow, up);
        if (up < 0) return up;
      }
    }
  }
  return up;
}

/**
 * Lists column j reached at the current level, or, when j is free, ends the search there:
 * `scanRow`'s return, `-(up + 1)` with j written at `columnList[up]`.
 */
function listOrEnd(
  j: number,
  columnList: Int32Array,
  isListed: Uint8Array,
  columnRow: Int32Array,
  up: number,
): number {
  columnList[up] = j;
  if (columnRow[j]! < 0) return -up - 1;
  isListed[j] = 1;
  return up + 1;
}

/**
 * `scanRow` on the first distance level only: lists the columns not yet listed where row `i`
 * (holding `j1`) has a reduced cost of 0, with the same return as `scanRow`.
 */
function scanTight(
  weight: Float64Array,
  price: Float64Array,
  i: number,
  j1: number,
  m: number,
  predecessor: Int32Array,
  columnList: Int32Array,
  isListed: Uint8Array,
  columnRow: Int32Array,
  up: number,
): number {
  const rowBase = i * m;
  const rowDual = price[j1]! - weight[rowBase + j1]!;
  for (let j = 0; j < m; j++) {
    if (price[j]! - weight[rowBase + j]! === rowDual && isListed[j] === 0) {
      predecessor[j] = i;
      up = listOrEnd(j, columnList, isListed, columnRow, up);
      if (up < 0) return up;
    }
  }
  return up;
}
