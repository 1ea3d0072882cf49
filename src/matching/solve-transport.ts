import { IndexHeap } from './index-heap.ts';

/** Augmenting row reduction handles columns up to this capacity (it scans their holders). */
const ROW_REDUCTION_MAX_CAPACITY = 8;

/**
 * The integer problem the exact solver works on. Rows each supply one unit and are processed
 * one by one; columns have capacities. Row `r` uses the arc list `adjacency = rowAdjacency[r]`
 * (several rows may share a list: the slots of one mentor when mentors drive). Every row also
 * has a private "unassigned" arc of cost `dummyCost`, chosen larger than any saving a
 * re-assignment can bring, so that minimum cost means most rows matched first, then least
 * total cost.
 */
export type TransportProblem = {
  readonly rowCount: number;
  readonly rowAdjacency: Int32Array;
  readonly adjacencyStart: Int32Array;
  readonly arcColumn: Int32Array;
  /** Non-negative integer costs (stored as doubles; every value stays below 2^53). */
  readonly arcCost: Float64Array;
  readonly columnCount: number;
  readonly columnCapacity: Int32Array;
  readonly dummyCost: number;
};

/**
 * An optimal solution with its dual certificate: row potentials `rowPotential` and column
 * prices `columnPrice` such that every reduced cost `cost + price - potential` is ≥ 0, is 0
 * on used arcs, prices are ≥ 0 and positive only on full columns, and unassigned rows have
 * potential equal to the dummy cost. These conditions prove optimality (see
 * `verifyTransportOptimality`).
 */
export type TransportSolution = {
  /** Column of each row, or -1 when the row is unassigned. */
  readonly rowColumn: Int32Array;
  /** Arc used by each row, or -1. */
  readonly rowArc: Int32Array;
  readonly rowPotential: Float64Array;
  readonly columnPrice: Float64Array;
  readonly stats: TransportStats;
};

export type TransportStats = {
  /** Bids of the auction that gave the starting prices, if any (see `bidByAuction`). */
  auctionBids?: number;
  warmStartRows: number;
  searches: number;
  scannedColumns: number;
};

export type SolveTransportOptions = {
  /** Called now and then with the number of rows settled so far. */
  onProgress?: (settledRows: number, totalRows: number) => void;
  /**
   * Column prices to start from (an auction's, see `priceByAuction`); any non-negative
   * integers are valid. The result is exact either way; good prices leave little to do.
   */
  initialPrice?: Float64Array;
  /** Column to try first for each row (-1 for none), kept when tight at the initial prices. */
  initialColumn?: Int32Array;
};

/**
 * Solves the problem exactly by successive shortest augmenting paths (Dijkstra on reduced
 * costs, stopping at the first free column or the cheapest "unassign somebody" exit), after
 * a column-reduction warm start that assigns every row whose cheapest column is still free.
 */
export function solveTransport(
  problem: TransportProblem,
  options: SolveTransportOptions = {},
): TransportSolution {
  if (options.initialPrice) {
    for (const mode of ['trust the end', 'raise held columns'] as const) {
      const warm = solveFromPrices(
        problem,
        options.initialPrice,
        options.initialColumn,
        options.onProgress,
        mode,
      );
      if (warm) return warm;
    }
  }
  return solveFromPrices(problem, undefined, undefined, options.onProgress, 'raise held columns')!;
}

/**
 * The exact phase. Starting prices may leave free columns priced; the search then works with
 * a sink potential `sinkPotential` = the largest price of a column with room, so that leaving
 * through a free column `j` costs `sinkPotential - price_j ≥ 0` and leaving through a row's
 * dummy arc costs `dummyCost + sinkPotential - potential`. At the end every potential and
 * price is shifted down by a common amount to the certificate's form (free columns at 0); when
 * no shift fits (a held column priced below a free one), returns null and the caller starts
 * again from zero prices, which always fits.
 */
function solveFromPrices(
  problem: TransportProblem,
  initialPrice: Float64Array | undefined,
  initialColumn: Int32Array | undefined,
  onProgress: SolveTransportOptions['onProgress'],
  mode: 'trust the end' | 'raise held columns',
): TransportSolution | null {
  const options = { onProgress };
  const { rowCount, columnCount, rowAdjacency, adjacencyStart, arcColumn, arcCost } = problem;
  const dummyCost = problem.dummyCost;
  const columnCapacity = problem.columnCapacity;

  const rowPotential = new Float64Array(rowCount);
  const columnPrice = initialPrice ? initialPrice.slice() : new Float64Array(columnCount);
  const rowColumn = new Int32Array(rowCount).fill(-1);
  const rowArc = new Int32Array(rowCount).fill(-1);
  const rowSlot = new Int32Array(rowCount).fill(-1);
  // How far each assigned row's potential may rise before another arc undercuts its own (a
  // lower bound: prices only rise before the exact phase).
  const rowMargin = new Float64Array(rowCount);

  const slotStart = new Int32Array(columnCount + 1);
  for (let j = 0; j < columnCount; j++) slotStart[j + 1] = slotStart[j]! + columnCapacity[j]!;
  const slotRow = new Int32Array(slotStart[columnCount]!).fill(-1);
  const columnFill = new Int32Array(columnCount);

  const stats: TransportStats = { warmStartRows: 0, searches: 0, scannedColumns: 0 };
  const pending: number[] = [];

  /**
   * Augmenting row reduction (Jonker–Volgenant): a free row bids for its cheapest column of
   * unit capacity, raising that column's price to the row's second-best value and evicting
   * the holder, who bids next. Every assigned row stays tight and every reduced cost of an
   * assigned row stays non-negative, so the shortest-path phase can continue from here.
   * Rows whose best column holds several rows, and rows left after the step budget, are
   * returned for the exact phase.
   */
  function reduceRowsByAuction(rows: readonly number[]): number[] {
    const left: number[] = [];
    const queue = rows.slice().reverse();
    let budget = 8 * rowCount + 1000;
    while (queue.length > 0) {
      const row = queue.pop()!;
      if (budget-- <= 0) {
        left.push(row);
        continue;
      }
      const adjacency = rowAdjacency[row]!;
      const end = adjacencyStart[adjacency + 1]!;
      let best = dummyCost;
      let bestArc = -1;
      let second = dummyCost;
      let secondArc = -1;
      for (let a = adjacencyStart[adjacency]!; a < end; a++) {
        const value = arcCost[a]! + columnPrice[arcColumn[a]!]!;
        if (value < best) {
          second = best;
          secondArc = bestArc;
          best = value;
          bestArc = a;
        } else if (value < second) {
          second = value;
          secondArc = a;
        }
      }
      if (bestArc < 0) {
        left.push(row);
        continue;
      }
      let arc = bestArc;
      let column = arcColumn[arc]!;
      if (best === second && columnFill[column]! >= columnCapacity[column]! && secondArc >= 0) {
        arc = secondArc;
        column = arcColumn[arc]!;
      }
      if (columnFill[column]! < columnCapacity[column]!) {
        const slot = slotStart[column]! + columnFill[column]!++;
        slotRow[slot] = row;
        rowSlot[row] = slot;
        rowColumn[row] = column;
        rowArc[row] = arc;
        rowPotential[row] = best;
        rowMargin[row] = second - best;
        continue;
      }
      if (columnCapacity[column] === 0 || columnCapacity[column]! > ROW_REDUCTION_MAX_CAPACITY) {
        left.push(row);
        continue;
      }
      // The holder with the least margin leaves; the price rises by as much as the bidder's
      // margin and every other holder's allow, the others' potentials with it.
      const slotBegin = slotStart[column]!;
      const slotEnd = slotBegin + columnFill[column]!;
      let slot = slotBegin;
      let nextMargin = Infinity;
      for (let s = slotBegin + 1; s < slotEnd; s++) {
        const margin = rowMargin[slotRow[s]!]!;
        if (margin < rowMargin[slotRow[slot]!]!) {
          nextMargin = Math.min(nextMargin, rowMargin[slotRow[slot]!]!);
          slot = s;
        } else {
          nextMargin = Math.min(nextMargin, margin);
        }
      }
      const rise = Math.min(second - best, nextMargin);
      const evicted = slotRow[slot]!;
      columnPrice[column]! += rise;
      for (let s = slotBegin; s < slotEnd; s++) {
        if (s === slot) continue;
        rowPotential[slotRow[s]!]! += rise;
        rowMargin[slotRow[s]!]! -= rise;
      }
      slotRow[slot] = row;
      rowSlot[row] = slot;
      rowColumn[row] = column;
      rowArc[row] = arc;
      rowPotential[row] = best + rise;
      rowMargin[row] = second - best - rise;
      rowColumn[evicted] = -1;
      rowArc[evicted] = -1;
      rowSlot[evicted] = -1;
      // A strict price rise is progress: the evicted row bids at once; a tie waits its turn.
      if (rise > 0) queue.push(evicted);
      else queue.unshift(evicted);
    }
    return left;
  }

  // Warm start: a row whose cheapest arc leads to a column with room takes it. With all
  // prices at zero and the row potential equal to that cheapest cost, every reduced cost is
  // non-negative, so the partial solution is optimal for the rows it covers.
  for (let row = 0; row < rowCount; row++) {
    const adjacency = rowAdjacency[row]!;
    const end = adjacencyStart[adjacency + 1]!;
    let bestArc = -1;
    let bestCost = Infinity;
    let secondCost = dummyCost;
    const preferred = initialColumn ? initialColumn[row]! : -1;
    for (let a = adjacencyStart[adjacency]!; a < end; a++) {
      const value = arcCost[a]! + columnPrice[arcColumn[a]!]!;
      if (value < bestCost || (value === bestCost && arcColumn[a] === preferred)) {
        secondCost = Math.min(secondCost, bestCost);
        bestCost = value;
        bestArc = a;
      } else if (value < secondCost) {
        secondCost = value;
      }
    }
    if (bestArc < 0 || bestCost >= dummyCost) {
      pending.push(row);
      continue;
    }
    const column = arcColumn[bestArc]!;
    if (columnFill[column]! < columnCapacity[column]!) {
      const slot = slotStart[column]! + columnFill[column]!++;
      slotRow[slot] = row;
      rowSlot[row] = slot;
      rowColumn[row] = column;
      rowArc[row] = bestArc;
      rowPotential[row] = bestCost;
      rowMargin[row] = secondCost - bestCost;
      stats.warmStartRows++;
    } else {
      pending.push(row);
    }
  }

  const remaining = reduceRowsByAuction(pending);

  let sinkPotential = 0;
  for (let j = 0; j < columnCount; j++) {
    if (columnFill[j]! < columnCapacity[j]! && columnPrice[j]! > sinkPotential) {
      sinkPotential = columnPrice[j]!;
    }
  }
  // A column that holds rows must not be priced below one with room (the sink potential) for
  // the partial solution to be optimal: such columns rise to it and give their rows back.
  // When every column ends full, the final certificate does not need it ("trust the end"),
  // and the shift at the end tells whether that was so.
  if (sinkPotential > 0 && mode === 'raise held columns') {
    for (let j = 0; j < columnCount; j++) {
      if (columnFill[j] === 0 || columnPrice[j]! >= sinkPotential) continue;
      columnPrice[j] = sinkPotential;
      for (let slot = slotStart[j]!; slot < slotStart[j]! + columnFill[j]!; slot++) {
        const row = slotRow[slot]!;
        rowColumn[row] = -1;
        rowArc[row] = -1;
        rowSlot[row] = -1;
        remaining.push(row);
      }
      columnFill[j] = 0;
    }
  }
  const exitCost = dummyCost + sinkPotential;

  const columnDistance = new Float64Array(columnCount).fill(Infinity);
  const columnMark = new Uint8Array(columnCount);
  const predecessorRow = new Int32Array(columnCount);
  const predecessorArc = new Int32Array(columnCount);
  const touchedColumns = new Int32Array(columnCount);
  const finalizedColumns = new Int32Array(columnCount);
  const rowDistance = new Float64Array(rowCount);
  const visitedRows = new Int32Array(rowCount);
  const heap = new IndexHeap(columnCount, columnDistance);

  const progressEvery = Math.max(1, Math.floor(remaining.length / 100));
  let settled = rowCount - remaining.length;

  for (let p = 0; p < remaining.length; p++) {
    const origin = remaining[p]!;
    if (options.onProgress && p % progressEvery === 0) options.onProgress(settled, rowCount);
    stats.searches++;

    const originAdjacency = rowAdjacency[origin]!;
    let originPotential = exitCost;
    for (let a = adjacencyStart[originAdjacency]!; a < adjacencyStart[originAdjacency + 1]!; a++) {
      const value = arcCost[a]! + columnPrice[arcColumn[a]!]!;
      if (value < originPotential) originPotential = value;
    }
    rowPotential[origin] = originPotential;

    // The search's best exit so far: a free column, or unassigning a reached row.
    let bound = exitCost - originPotential;
    let exitColumn = -1;
    let exitRow = origin;
    let touchedCount = 0;
    let finalizedCount = 0;
    let visitedCount = 0;
    rowDistance[origin] = 0;
    visitedRows[visitedCount++] = origin;

    // Visited rows double as the queue of rows whose arcs remain to be relaxed.
    let relaxCursor = 0;
    for (;;) {
      while (relaxCursor < visitedCount) {
        const row = visitedRows[relaxCursor++]!;
        const distance = rowDistance[row]!;
        const potential = rowPotential[row]!;
        const ownColumn = rowColumn[row]!;
        const adjacency = rowAdjacency[row]!;
        const end = adjacencyStart[adjacency + 1]!;
        for (let a = adjacencyStart[adjacency]!; a < end; a++) {
          const column = arcColumn[a]!;
          if (columnMark[column] === 2 || column === ownColumn) continue;
          const next = distance + arcCost[a]! + columnPrice[column]! - potential;
          if (next >= bound || next >= columnDistance[column]!) continue;
          if (columnMark[column] === 0) {
            columnMark[column] = 1;
            touchedColumns[touchedCount++] = column;
          }
          columnDistance[column] = next;
          predecessorRow[column] = row;
          predecessorArc[column] = a;
          if (columnFill[column]! < columnCapacity[column]!) {
            const exit = next + sinkPotential - columnPrice[column]!;
            if (exit < bound) {
              bound = exit;
              exitColumn = column;
              exitRow = -1;
            }
            // Priced under the sink potential, a column with room and rows is also a way
            // on to those rows.
            if (exit > next && columnFill[column]! > 0) heap.pushOrDecrease(column);
          } else {
            heap.pushOrDecrease(column);
          }
        }
      }

      // Settle the nearest full column; the rows it holds are reached at its distance.
      if (heap.isEmpty) break;
      const column = heap.peek();
      const columnAt = columnDistance[column]!;
      if (columnAt >= bound) break;
      heap.pop();
      columnMark[column] = 2;
      finalizedColumns[finalizedCount++] = column;
      stats.scannedColumns++;
      const slotEnd = slotStart[column]! + columnFill[column]!;
      for (let slot = slotStart[column]!; slot < slotEnd; slot++) {
        const held = slotRow[slot]!;
        rowDistance[held] = columnAt;
        visitedRows[visitedCount++] = held;
        const exit = columnAt + exitCost - rowPotential[held]!;
        if (exit < bound) {
          bound = exit;
          exitColumn = -1;
          exitRow = held;
        }
      }
    }

    // Dual update keeps reduced costs non-negative and makes the found path tight.
    for (let f = 0; f < finalizedCount; f++) {
      const column = finalizedColumns[f]!;
      columnPrice[column]! += bound - columnDistance[column]!;
    }
    // Columns with room reached below the bound (only when they are priced under the sink
    // potential) rise too, staying at most the sink potential since their exit was not cheaper.
    if (sinkPotential > 0) {
      for (let t = 0; t < touchedCount; t++) {
        const column = touchedColumns[t]!;
        if (columnMark[column] === 1 && columnDistance[column]! < bound) {
          columnPrice[column]! += bound - columnDistance[column]!;
        }
      }
    }
    for (let v = 0; v < visitedCount; v++) {
      const visited = visitedRows[v]!;
      rowPotential[visited]! += bound - rowDistance[visited]!;
    }

    // Augment along predecessors back to the origin.
    let column = exitColumn;
    let freedSlot = -1;
    if (exitColumn < 0) {
      const leaving = exitRow;
      rowPotential[leaving] = exitCost;
      if (leaving !== origin) {
        column = rowColumn[leaving]!;
        freedSlot = rowSlot[leaving]!;
        rowColumn[leaving] = -1;
        rowArc[leaving] = -1;
        rowSlot[leaving] = -1;
      }
    }
    while (column >= 0) {
      const moving = predecessorRow[column]!;
      const previousColumn = rowColumn[moving]!;
      const previousSlot = rowSlot[moving]!;
      const slot = freedSlot >= 0 ? freedSlot : slotStart[column]! + columnFill[column]!++;
      slotRow[slot] = moving;
      rowSlot[moving] = slot;
      rowColumn[moving] = column;
      rowArc[moving] = predecessorArc[column]!;
      if (moving === origin) break;
      column = previousColumn;
      freedSlot = previousSlot;
    }
    settled++;

    for (let t = 0; t < touchedCount; t++) {
      const touched = touchedColumns[t]!;
      columnDistance[touched] = Infinity;
      columnMark[touched] = 0;
    }
    heap.clear();
  }
  options.onProgress?.(rowCount, rowCount);
  if (sinkPotential > 0 && !shiftToCertificateForm()) return null;
  return { rowColumn, rowArc, rowPotential, columnPrice, stats };

  /**
   * Finds a shift `s` with every column that has room priced at most `s`, every column that
   * holds a row priced at least `s`, and `s` equal to the sink potential when some row is
   * unassigned (its potential is the dummy cost plus the sink potential); then subtracts it.
   */
  function shiftToCertificateForm(): boolean {
    let highestFree = 0;
    let lowestHeld = Infinity;
    for (let j = 0; j < columnCount; j++) {
      const price = columnPrice[j]!;
      if (columnFill[j]! < columnCapacity[j]! && price > highestFree) highestFree = price;
      if (columnFill[j]! > 0 && price < lowestHeld) lowestHeld = price;
    }
    let isAnyRowUnassigned = false;
    let highestPotential = -Infinity;
    for (let r = 0; r < rowCount; r++) {
      if (rowColumn[r]! < 0) isAnyRowUnassigned = true;
      if (rowPotential[r]! > highestPotential) highestPotential = rowPotential[r]!;
    }
    const shift = isAnyRowUnassigned ? sinkPotential : Math.min(sinkPotential, lowestHeld);
    if (shift < highestFree || shift > lowestHeld) return false;
    if (highestPotential - shift > dummyCost) return false;
    for (let r = 0; r < rowCount; r++) rowPotential[r]! -= shift;
    for (let j = 0; j < columnCount; j++) columnPrice[j] = Math.max(0, columnPrice[j]! - shift);
    return true;
  }
}

/**
 * Checks the dual certificate of a solution; returns the first violated condition, or null
 * when the solution is proven optimal.
 */
export function verifyTransportOptimality(
  problem: TransportProblem,
  solution: TransportSolution,
): string | null {
  const { rowColumn, rowArc, rowPotential, columnPrice } = solution;
  const fill = new Int32Array(problem.columnCount);
  for (let row = 0; row < problem.rowCount; row++) {
    const potential = rowPotential[row]!;
    if (potential > problem.dummyCost) return `row ${row}: potential above the dummy cost`;
    const adjacency = problem.rowAdjacency[row]!;
    for (
      let a = problem.adjacencyStart[adjacency]!;
      a < problem.adjacencyStart[adjacency + 1]!;
      a++
    ) {
      const column = problem.arcColumn[a]!;
      if (column === rowColumn[row] && a !== rowArc[row]) continue;
      const reduced = problem.arcCost[a]! + columnPrice[column]! - potential;
      if (reduced < 0) return `row ${row}: negative reduced cost on arc ${a}`;
      if (a === rowArc[row] && reduced !== 0) return `row ${row}: used arc ${a} is not tight`;
    }
    if (rowColumn[row]! >= 0) fill[rowColumn[row]!]!++;
    else if (potential !== problem.dummyCost) return `row ${row}: unassigned but not tight`;
  }
  for (let column = 0; column < problem.columnCount; column++) {
    if (fill[column]! > problem.columnCapacity[column]!) return `column ${column}: over capacity`;
    if (columnPrice[column]! < 0) return `column ${column}: negative price`;
    if (columnPrice[column]! > 0 && fill[column]! < problem.columnCapacity[column]!) {
      return `column ${column}: priced but not full`;
    }
  }
  return null;
}
