import type { TransportProblem } from './solve-transport.ts';

/**
 * The ε schedule: ε starts at maxCost / `factor` and is divided by `factor` while it is at
 * least `factor`, then by `fineFactor` down to below 1/rows. A phase may spend `bidsPerRow`
 * bids per row before the auction gives up (price wars). Exported for the tests' reference.
 */
export const AUCTION_SCHEDULE = { factor: 6, fineFactor: 4, bidsPerRow: 40 } as const;
const {
  factor: EPSILON_FACTOR,
  fineFactor: FINE_FACTOR,
  bidsPerRow: BIDS_PER_ROW,
} = AUCTION_SCHEDULE;
/** Cheapest arcs remembered per row, so that most bids read a few arcs instead of all. */
const CACHED_ARCS = 4;
const CACHE_STRIDE = 1 + 2 * CACHED_ARCS;
/** Above any arc index: missing cache entries sort last. */
const ARC_LIMIT = 2 ** 31;

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
  /** Bids that read all the bidder's arcs (the others read only its cached ones). */
  readonly fullScans: number;
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
  const cheapestPrice = new Float64Array(columnCount);
  const secondPrice = new Float64Array(columnCount);
  for (let j = 0; j < columnCount; j++) {
    cheapestSlot[j] = slotStart[j + 1]! > slotStart[j]! ? slotStart[j]! : -1;
    cheapestPrice[j] = cheapestSlot[j]! >= 0 ? 0 : Infinity;
    secondPrice[j] = slotStart[j + 1]! - slotStart[j]! > 1 ? 0 : Infinity;
  }
  const queue = new Int32Array(Math.max(1, rowCount));
  // Each row's cheapest arcs at its last full scan, as (cost, column) pairs in arc order so
  // that ties go the same way as in a full scan, after the value below which no other arc of
  // the row was then. An empty entry costs Infinity; -Infinity forces the first full scan.
  const cache = new Float64Array(rowCount * CACHE_STRIDE);
  for (let r = 0; r < rowCount; r++) {
    cache[r * CACHE_STRIDE] = -Infinity;
    for (let k = 1; k < CACHE_STRIDE; k += 2) cache[r * CACHE_STRIDE + k] = Infinity;
  }
  const cachedArc = new Float64Array(CACHED_ARCS);

  let maxCost = 0;
  for (let a = 0; a < arcCost.length; a++) if (arcCost[a]! > maxCost) maxCost = arcCost[a]!;
  const finalEpsilon = 2 ** -Math.ceil(Math.log2(rowCount + 1));
  let epsilon = Math.max(1, Math.floor(maxCost / EPSILON_FACTOR));

  slotRow.fill(-1);
  let bids = 0;
  let fullScans = 0;
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
      let best = dummyCost;
      let bestColumn = -1;
      let second = dummyCost;
      const base = row * CACHE_STRIDE;
      for (let k = base + 1; k < base + CACHE_STRIDE; k += 2) {
        const cost = cache[k]!;
        const column = cache[k + 1]!;
        const value = cost + cheapestPrice[column]!;
        if (value < best) {
          second = best;
          best = value;
          bestColumn = column;
          const sameColumn = cost + secondPrice[column]!;
          if (sameColumn < second) second = sameColumn;
        } else if (value < second) {
          second = value;
        }
      }
      // Prices only rise, so every arc left out of the cache still costs at least the bound:
      // a second value below it is the row's true second value, and its best is the true best.
      if (!(second < cache[base]!)) {
        fullScans++;
        // The five cheapest values in arc order among equals (strict comparisons), with the
        // arcs of the first four.
        let v0 = Infinity;
        let v1 = Infinity;
        let v2 = Infinity;
        let v3 = Infinity;
        let v4 = Infinity;
        let a0 = -1;
        let a1 = -1;
        let a2 = -1;
        let a3 = -1;
        const adjacency = rowAdjacency[row]!;
        const end = adjacencyStart[adjacency + 1]!;
        for (let a = adjacencyStart[adjacency]!; a < end; a++) {
          const value = arcCost[a]! + cheapestPrice[arcColumn[a]!]!;
          if (!(value < v4)) continue;
          if (value < v3) {
            v4 = v3;
            if (value < v2) {
              v3 = v2;
              a3 = a2;
              if (value < v1) {
                v2 = v1;
                a2 = a1;
                if (value < v0) {
                  v1 = v0;
                  a1 = a0;
                  v0 = value;
                  a0 = a;
                } else {
                  v1 = value;
                  a1 = a;
                }
              } else {
                v2 = value;
                a2 = a;
              }
            } else {
              v3 = value;
              a3 = a;
            }
          } else {
            v4 = value;
          }
        }
        cache[base] = v4;
        storeCached(base, a0, a1, a2, a3);
        best = dummyCost;
        bestColumn = -1;
        second = dummyCost;
        if (v0 < dummyCost) {
          best = v0;
          bestColumn = arcColumn[a0]!;
          second = Math.min(dummyCost, v1, arcCost[a0]! + secondPrice[bestColumn]!);
        }
      }
      if (bestColumn < 0) continue;
      const slot = cheapestSlot[bestColumn]!;
      slotPrice[slot]! += second - best + epsilon;
      cheapestPrice[bestColumn] = slotPrice[slot]!;
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
  return { slotPrice, slotStart, slotRow, rowColumn, bids, fullScans, phases };

  function storeCached(base: number, a0: number, a1: number, a2: number, a3: number): void {
    // Arc order, with the missing arcs (-1) last.
    cachedArc[0] = a0 < 0 ? ARC_LIMIT : a0;
    cachedArc[1] = a1 < 0 ? ARC_LIMIT : a1;
    cachedArc[2] = a2 < 0 ? ARC_LIMIT : a2;
    cachedArc[3] = a3 < 0 ? ARC_LIMIT : a3;
    for (let k = 1; k < CACHED_ARCS; k++) {
      const arc = cachedArc[k]!;
      let at = k;
      while (at > 0 && cachedArc[at - 1]! > arc) {
        cachedArc[at] = cachedArc[at - 1]!;
        at--;
      }
      cachedArc[at] = arc;
    }
    for (let k = 0; k < CACHED_ARCS; k++) storeEntry(base + 1 + 2 * k, cachedArc[k]!);
  }

  function storeEntry(at: number, arc: number): void {
    cache[at] = arc === ARC_LIMIT ? Infinity : arcCost[arc]!;
    cache[at + 1] = arc === ARC_LIMIT ? 0 : arcColumn[arc]!;
  }

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
    cheapestPrice[column] = lowest;
    secondPrice[column] = next;
  }
}

/** Fractional bits of the common offset; prices have fewer, so sums stay exact. */
const OFFSET_BITS = 24;

/**
 * Integer column prices from an auction that ended with ε below 1/rows: every price becomes
 * floor(price + θ) for one common offset θ ∈ [0, 1). A row's won place stays its cheapest
 * option after flooring unless an integer falls between two values less than ε apart, so θ
 * is chosen outside every such gap (their total length is below 1 when few pairs are within
 * ε). The held places of a full column then share one integer price; columns with a place
 * left start at 0. Rows that still are not tight are simply left to the exact phase.
 */
export function roundAuctionPrices(
  problem: TransportProblem,
  auction: AuctionResult,
): Float64Array {
  const { rowCount, columnCount, rowAdjacency, adjacencyStart, arcColumn, arcCost } = problem;
  const { slotStart, slotPrice, slotRow } = auction;
  const lowest = new Float64Array(columnCount);
  const highest = new Float64Array(columnCount);
  const isFull = new Uint8Array(columnCount);
  const slotOfRow = new Int32Array(rowCount).fill(-1);
  // Bad offsets as [start, end) pairs inside [0, 1).
  const bad: number[] = [];
  const addGap = (upper: number, lower: number) => {
    // An integer k with lower + θ < k ≤ upper + θ, i.e. θ ∈ [k − upper, k − lower).
    const start = Math.ceil(upper) - upper;
    const end = start + (upper - lower);
    if (end <= 1) bad.push(start, end);
    else bad.push(start, 1, 0, end - 1);
  };
  for (let j = 0; j < columnCount; j++) {
    let low = Infinity;
    let high = -Infinity;
    let full = slotStart[j + 1]! > slotStart[j]!;
    for (let slot = slotStart[j]!; slot < slotStart[j + 1]!; slot++) {
      if (slotRow[slot]! < 0) {
        full = false;
        continue;
      }
      slotOfRow[slotRow[slot]!] = slot;
      low = Math.min(low, slotPrice[slot]!);
      high = Math.max(high, slotPrice[slot]!);
    }
    isFull[j] = full ? 1 : 0;
    lowest[j] = low;
    highest[j] = high;
    if (full && high > low) addGap(high, low);
  }
  for (let row = 0; row < rowCount; row++) {
    const slot = slotOfRow[row]!;
    if (slot < 0) continue;
    const adjacency = rowAdjacency[row]!;
    let ownCost = 0;
    const won = auction.rowColumn[row]!;
    for (let a = adjacencyStart[adjacency]!; a < adjacencyStart[adjacency + 1]!; a++) {
      if (arcColumn[a] === won) ownCost = arcCost[a]!;
    }
    const upper = ownCost + slotPrice[slot]!;
    for (let a = adjacencyStart[adjacency]!; a < adjacencyStart[adjacency + 1]!; a++) {
      const column = arcColumn[a]!;
      if (column === won || !isFull[column]) continue;
      const lower = arcCost[a]! + lowest[column]!;
      if (lower < upper) addGap(upper, lower);
    }
  }
  const offset = findFreeOffset(bad);
  const price = new Float64Array(columnCount);
  for (let j = 0; j < columnCount; j++) {
    price[j] = isFull[j] ? Math.max(0, Math.floor(lowest[j]! + offset)) : 0;
  }
  return price;
}

/** The middle of the widest gap between bad intervals, on a grid of 2^-OFFSET_BITS. */
function findFreeOffset(bad: readonly number[]): number {
  const order: number[] = [];
  for (let k = 0; k < bad.length; k += 2) order.push(k);
  order.sort((x, y) => bad[x]! - bad[y]!);
  let covered = 0;
  let bestStart = 0;
  let bestLength = -1;
  for (const k of order) {
    if (bad[k]! - covered > bestLength) {
      bestLength = bad[k]! - covered;
      bestStart = covered;
    }
    covered = Math.max(covered, bad[k + 1]!);
  }
  if (1 - covered > bestLength) {
    bestLength = 1 - covered;
    bestStart = covered;
  }
  const grid = 2 ** OFFSET_BITS;
  return Math.min(1 - 1 / grid, Math.round((bestStart + bestLength / 2) * grid) / grid);
}
