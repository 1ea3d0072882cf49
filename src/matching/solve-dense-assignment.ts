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
   * every row is read). `guess`: the largest weight seen so far stands for it, and the result
   * is optimal only if the caller's check of the duals holds (reduced costs may be negative
   * in the rows the column reduction did not read).
   */
  readonly weightCeiling?: number | 'guess';
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
   * are ≥ 0 after column reduction). Only the free columns are scanned, from a list that
   * shrinks as they are taken: with many ties a 0 comes soon, and late rows scan few columns.
   */
  function assignFreeAtZero(rows: readonly number[]): number[] {
    const freeColumns = new Int32Array(m);
    let freeCount = 0;
    for (let j = 0; j < m; j++) if (columnRow[j]! < 0) freeColumns[freeCount++] = j;
    const left: number[] = [];
    for (const i of rows) {
      const base = i * m;
      let taken = -1;
      for (let k = 0; k < freeCount; k++) {
        const j = freeColumns[k]!;
        if (price[j]! === weight[base + j]!) {
          taken = j;
          freeColumns[k] = freeColumns[--freeCount]!;
          break;
        }
      }
      if (taken < 0) {
        left.push(i);
      } else {
        rowColumn[i] = taken;
        columnRow[taken] = i;
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
    // need. Without a known ceiling, the largest weight so far stands for it.
    const columnMax = weight.slice(0, m);
    const columnMaxRow = new Int32Array(m);
    const given = problem.weightCeiling ?? Infinity;
    let ceiling = given === 'guess' ? -Infinity : given;
    for (let j = 0; j < m; j++) if (columnMax[j]! > ceiling) ceiling = columnMax[j]!;
    let below = 0;
    for (let j = 0; j < m; j++) if (columnMax[j]! < ceiling) below++;
    let scanned = 1;
    for (; scanned < n && below * 32 > m; scanned++) {
      const i = scanned;
      const base = i * m;
      for (let j = 0; j < m; j++) {
        const w = weight[base + j]!;
        if (w > columnMax[j]!) {
          columnMax[j] = w;
          columnMaxRow[j] = i;
          if (w === ceiling) {
            below--;
          } else if (w > ceiling) {
            // Above the guess: every other column is now below it.
            ceiling = w;
            below = m - 1;
          }
        }
      }
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
        let min = Infinity;
        const base = i * m;
        // Reduced costs never fall below 0 (prices only rise): a 0 ends the scan.
        for (let j = 0; j < m && min > 0; j++) {
          const h = price[j]! - weight[base + j]!;
          if (j !== j1 && h < min) min = h;
        }
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
    const base = origin * m;
    for (let j = 0; j < m; j++) {
      distance[j] = price[j]! - weight[base + j]!;
      predecessor[j] = origin;
    }
    // columnList[0, low): scanned; [low, up): at the current minimum, to scan. Columns
    // elsewhere are walked in index order (flagged by isListed), so that each row scan
    // reads its weights sequentially.
    let low = 0;
    let up = 0;
    let last = 0;
    let min = 0;
    let endColumn = -1;
    search: for (;;) {
      if (up === low) {
        last = low;
        min = Infinity;
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
        if (up === low) break search;
        for (let k = low; k < up; k++) {
          const j = columnList[k]!;
          isListed[j] = 1;
          if (columnRow[j]! < 0) {
            endColumn = j;
            break search;
          }
        }
      }
      const j1 = columnList[low++]!;
      const i = columnRow[j1]!;
      const rowBase = i * m;
      const offset = price[j1]! - weight[rowBase + j1]! - min;
      for (let j = 0; j < m; j++) {
        if (isListed[j] === 1) continue;
        const h = price[j]! - weight[rowBase + j]! - offset;
        if (h < distance[j]!) {
          distance[j] = h;
          predecessor[j] = i;
          if (h === min) {
            if (columnRow[j]! < 0) {
              endColumn = j;
              break search;
            }
            columnList[up++] = j;
            isListed[j] = 1;
          }
        }
      }
    }
    for (let k = 0; k < up; k++) isListed[columnList[k]!] = 0;
    if (endColumn < 0) return false;
    for (let k = 0; k < last; k++) {
      const j = columnList[k]!;
      price[j] = price[j]! - distance[j]! + min;
    }
    let j = endColumn;
    for (;;) {
      const i = predecessor[j]!;
      columnRow[j] = i;
      const previous = rowColumn[i]!;
      rowColumn[i] = j;
      if (i === origin) break;
      j = previous;
    }
    return true;
  }
}
