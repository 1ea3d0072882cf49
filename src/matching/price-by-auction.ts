import type { TransportProblem } from './solve-transport.ts';

/** How many bids per row an ε phase may spend before the auction gives up (price wars). */
const BIDS_PER_ROW = 40;
/** ε is divided by this between phases while it is at least 1, then by `FINE_FACTOR`. */
const EPSILON_FACTOR = 8;
const FINE_FACTOR = 16;

/** The last phase of an auction: who holds which place, and at what price. */
export type AuctionResult = {
  /** Price of each place; places of column `j` are `slotStart[j]` to `slotStart[j + 1] - 1`. */
  readonly slotPrice: Float64Array;
  readonly slotStart: Int32Array;
  /** Row holding each place, or -1. */
  readonly slotRow: Int32Array;
  /** Column won by each row, or -1 (the row prefers its "unassigned" arc). */
  readonly rowColumn: Int32Array;
  /** Bids made over all phases (each scans the bidder's arcs once). */
  readonly bids: number;
  readonly phases: number;
};

/**
 * ε-scaling forward auction (Bertsekas) where rows bid for the places of the columns (a
 * column of capacity c is c similar places, each with its own price; a row bids for the
 * cheapest). Each row's "unassigned" arc is a private object that needs no price. ε ends
 * below 1/rows, where an ε-optimal assignment is optimal for integer costs; ε is a power of
 * two from there on so prices stay exact. The result is only a warm start: the exact phase
 * of `solveTransport` rebuilds integer duals from it and proves optimality itself.
 *
 * Returns null when a phase runs out of bids: rows that cannot all be matched wage a price
 * war that climbs by ε per bid towards the dummy cost.
 */
export function bidByAuction(problem: TransportProblem): AuctionResult | null {
  const { rowCount, columnCount, rowAdjacency, adjacencyStart, arcColumn, arcCost } = problem;
  const dummyCost = problem.dummyCost;
  const slotStart = new Int32Array(columnCount + 1);
  for (let j = 0; j < columnCount; j++) {
    slotStart[j + 1] = slotStart[j]! + problem.columnCapacity[j]!;
  }
  const slotCount = slotStart[columnCount]!;
  const slotPrice = new Float64Array(slotCount);
  const slotRow = new Int32Array(slotCount);
  // Cheapest place of each column and the price of the next cheapest (Infinity if none).
  const cheapestSlot = new Int32Array(columnCount);
  const secondPrice = new Float64Array(columnCount);
  for (let j = 0; j < columnCount; j++) {
    cheapestSlot[j] = slotStart[j + 1]! > slotStart[j]! ? slotStart[j]! : -1;
    secondPrice[j] = slotStart[j + 1]! - slotStart[j]! > 1 ? 0 : Infinity;
  }
  const queue = new Int32Array(Math.max(1, rowCount));

  let maxCost = 0;
  for (let a = 0; a < arcCost.length; a++) if (arcCost[a]! > maxCost) maxCost = arcCost[a]!;
  const finalEpsilon = 2 ** -Math.ceil(Math.log2(rowCount + 1));
  let epsilon = Math.max(1, Math.floor(maxCost / EPSILON_FACTOR));

  slotRow.fill(-1);
  let bids = 0;
  let phases = 0;
  for (;;) {
    slotRow.fill(-1);
    for (let r = 0; r < rowCount; r++) queue[r] = r;
    let head = 0;
    let size = rowCount;
    let budget = BIDS_PER_ROW * rowCount;
    phases++;
    while (size > 0) {
      if (budget-- <= 0) return null;
      bids++;
      const row = queue[head]!;
      head = head + 1 === rowCount ? 0 : head + 1;
      size--;
      const adjacency = rowAdjacency[row]!;
      const end = adjacencyStart[adjacency + 1]!;
      let best = dummyCost;
      let bestColumn = -1;
      let second = dummyCost;
      for (let a = adjacencyStart[adjacency]!; a < end; a++) {
        const column = arcColumn[a]!;
        const slot = cheapestSlot[column]!;
        if (slot < 0) continue;
        const value = arcCost[a]! + slotPrice[slot]!;
        if (value < best) {
          second = best;
          best = value;
          bestColumn = column;
          const sameColumn = arcCost[a]! + secondPrice[column]!;
          if (sameColumn < second) second = sameColumn;
        } else if (value < second) {
          second = value;
        }
      }
      if (bestColumn < 0) continue;
      const slot = cheapestSlot[bestColumn]!;
      slotPrice[slot]! += second - best + epsilon;
      const evicted = slotRow[slot]!;
      slotRow[slot] = row;
      if (slotStart[bestColumn + 1]! - slotStart[bestColumn]! > 1) {
        findCheapestSlots(bestColumn);
      }
      if (evicted >= 0) {
        let tail = head + size;
        if (tail >= rowCount) tail -= rowCount;
        queue[tail] = evicted;
        size++;
      }
    }
    if (epsilon <= finalEpsilon) break;
    epsilon =
      epsilon >= EPSILON_FACTOR
        ? Math.floor(epsilon / EPSILON_FACTOR)
        : Math.max(finalEpsilon, epsilon / FINE_FACTOR);
  }

  const rowColumn = new Int32Array(rowCount).fill(-1);
  for (let j = 0; j < columnCount; j++) {
    for (let slot = slotStart[j]!; slot < slotStart[j + 1]!; slot++) {
      if (slotRow[slot]! >= 0) rowColumn[slotRow[slot]!] = j;
    }
  }
  return { slotPrice, slotStart, slotRow, rowColumn, bids, phases };

  function findCheapestSlots(column: number): void {
    let cheapest = -1;
    let lowest = Infinity;
    let next = Infinity;
    for (let slot = slotStart[column]!; slot < slotStart[column + 1]!; slot++) {
      const price = slotPrice[slot]!;
      if (price < lowest) {
        next = lowest;
        lowest = price;
        cheapest = slot;
      } else if (price < next) {
        next = price;
      }
    }
    cheapestSlot[column] = cheapest;
    secondPrice[column] = next;
  }
}
