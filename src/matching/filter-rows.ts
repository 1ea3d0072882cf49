import createWabt from 'wabt';
import type { ScoringTables } from './scoring-tables.ts';
import { NEED_BITS, PACKED, ROW_STRIDE } from './scoring-tables.ts';

/**
 * A WebAssembly SIMD filter of the rows of the candidate search (decision 0109): for eight
 * rows at a time, an integer upper bound of the score a row can get when it shares no key
 * (no occupation domaine, NAF division or place id) with the mentee, and the rows whose
 * bound reaches a threshold. The bound is summed in 16-bit lanes, in units of 1/`UNITS` of
 * a score, each criterion rounded up, so it is never below the exact score; the search
 * scores the rows it lets through exactly, in JavaScript.
 *
 * What it adds, for a row and the mentee's `FilterQuery`:
 * - the shared needs times `needUnit`, and `kindUnits[kind + 1]`;
 * - `halfSlot` for one shared slot and again for a second;
 * - `language`, `grandDomaine`, `section` when those bits meet (their masks are folded to
 *   16 bits by OR-ing the two halves, so that a shared bit always stays shared);
 * - `geography` when both meet remotely, or when the mentee can be near (`near`) a mentor
 *   who meets in person and has coordinates;
 * - text: the smaller of `reach` and the row's largest TF-IDF weight (in 1/256, rounded
 *   up) times `rareQuery` plus the shared frequent terms times `termQuery`;
 * - `slack`.
 */
export const UNITS = 1024;

/** Rows per block (one 16-bit lane each). */
const LANES = 8;

/** Bytes of one block: ten vectors of eight 16-bit lanes. */
const BLOCK_BYTES = 160;

/** What a search asks of the filter: the mentee's bits and what each criterion adds. */
export type FilterQuery = {
  needs: number;
  needUnit: number;
  /** Slot mask (bit s: slot s), at most 20 slots. */
  availability: number;
  halfSlot: number;
  languages: number;
  language: number;
  grandDomaines: number;
  grandDomaine: number;
  sections: number;
  section: number;
  /** The mentee meets remotely; it has coordinates and meets in person. */
  remote: boolean;
  near: boolean;
  geography: number;
  /** The mentee's frequent-term bits, low and high words. */
  termsLow: number;
  termsHigh: number;
  reach: number;
  termQuery: number;
  rareQuery: number;
  /** Units of the track fit by kind + 1 (8 entries). */
  kindUnits: readonly number[];
  slack: number;
};

/** What the filter reads of a row. */
export type FilterRow = {
  expertise: number;
  /** Slot mask, at most 20 slots. */
  availability: number;
  grandDomaineBits: number;
  sectionBits: number;
  /** Kind + 1 (0–7). */
  kind: number;
  remote: boolean;
  inPerson: boolean;
  hasCoordinates: boolean;
  languages: number;
  termsLow: number;
  termsHigh: number;
  /** Largest weight of its TF-IDF vector, in [0, 1]. */
  textMax: number;
};

/** Byte offsets in a search's parameter block (32-bit words; the kernel uses the low half). */
const PARAM = {
  needs: 0,
  needUnit: 4,
  slotsLow: 8,
  slotsHigh: 12,
  halfSlot: 16,
  languages: 20,
  language: 24,
  grandDomaines: 28,
  grandDomaine: 32,
  sections: 36,
  section: 40,
  remote: 44,
  nearOn: 48,
  geography: 52,
  terms: 56,
  reach: 72,
  termQuery: 76,
  rareQuery: 80,
  sharedMost: 84,
  threshold: 88,
  slack: 92,
  kindShift: 96,
  kindUnits: 112,
} as const;

/** Bytes of a parameter block. */
const FILTER_PARAMS_BYTES = 128;

/** A 32-bit mask folded to 16 bits: a bit shared by two masks stays shared. */
export function foldMask(mask: number): number {
  return (mask | (mask >>> 16)) & 0xffff;
}

/** The query words the kernel splats into vectors, by their `PARAM` names (terms: 4 words). */
const SPLATS = [
  'needs',
  'needUnit',
  'slotsLow',
  'slotsHigh',
  'halfSlot',
  'languages',
  'language',
  'grandDomaines',
  'grandDomaine',
  'sections',
  'section',
  'remote',
  'nearOn',
  'geography',
  'terms0',
  'terms1',
  'terms2',
  'terms3',
  'reach',
  'termQuery',
  'rareQuery',
  'sharedMost',
  'threshold',
  'slack',
] as const;

const splatOffset = (name: (typeof SPLATS)[number], at: number): number =>
  name.startsWith('terms')
    ? PARAM.terms + 4 * (at - SPLATS.indexOf('terms0'))
    : PARAM[name as keyof typeof PARAM];

/** Adds `$units` to the bound of the rows whose vector at `offset` shares a bit with `$bits`. */
const addIfShared = (offset: number, bits: string, units: string): string => `(local.set $u
          (i16x8.add (local.get $u)
            (v128.and
              (i16x8.ne
                (v128.and (v128.load offset=${offset} (local.get $a)) (local.get $${bits}))
                (v128.const i16x8 0 0 0 0 0 0 0 0))
              (local.get $${units}))))`;

// Lane of the flags vector: kind + 1 (bits 0-2), remote (3), in person (4), coordinates
// (5), largest text weight in 1/256 (bits 7-15).
const KERNEL = String.raw`
(module
  (memory (export "memory") 1)
  (func (export "filter")
    (param $p i32) (param $from i32) (param $blocks i32) (param $out i32) (result i32)
    (local $n i32) (local $bits i32) (local $index i32) (local $a i32) (local $shift i32)
    ${SPLATS.map((name) => `(local $${name} v128)`).join(' ')}
    (local $lut v128)
    (local $m v128) (local $fl v128) (local $u v128) (local $lo v128) (local $hi v128)
    (local $x v128) (local $keep v128)
    ${SPLATS.map(
      (name, at) =>
        `(local.set $${name} (i16x8.splat (i32.load offset=${splatOffset(name, at)} (local.get $p))))`,
    ).join('\n    ')}
    (local.set $shift (i32.load offset=${PARAM.kindShift} (local.get $p)))
    (local.set $lut (v128.load offset=${PARAM.kindUnits} (local.get $p)))
    (local.set $a (i32.mul (local.get $from) (i32.const ${BLOCK_BYTES})))
    (local.set $index (i32.mul (local.get $from) (i32.const ${LANES})))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $blocks)))
        (local.set $m (v128.load offset=0 (local.get $a)))
        (local.set $fl (v128.load offset=80 (local.get $a)))
        ;; needs: shared needs times the units of one (the top 4 bits hold slots)
        (local.set $u
          (i16x8.mul
            (i16x8.extadd_pairwise_i8x16_u
              (i8x16.popcnt (v128.and (local.get $m) (local.get $needs))))
            (local.get $needUnit)))
        ;; track fit by kind + 1 (low byte; the high byte selects nothing)
        (local.set $u
          (i16x8.add (local.get $u)
            (i16x8.shl
              (i8x16.swizzle (local.get $lut)
                (v128.or
                  (v128.and (local.get $fl) (v128.const i16x8 7 7 7 7 7 7 7 7))
                  (v128.const i16x8 0x8000 0x8000 0x8000 0x8000 0x8000 0x8000 0x8000 0x8000)))
              (local.get $shift))))
        ;; one shared slot, then a second (slots 0-15 in their own lanes, 16-19 above the needs)
        (local.set $lo (v128.and (v128.load offset=16 (local.get $a)) (local.get $slotsLow)))
        (local.set $hi (v128.and (local.get $m) (local.get $slotsHigh)))
        (local.set $u
          (i16x8.add (local.get $u)
            (v128.and
              (i16x8.ne (v128.or (local.get $lo) (local.get $hi)) (v128.const i16x8 0 0 0 0 0 0 0 0))
              (local.get $halfSlot))))
        (local.set $u
          (i16x8.add (local.get $u)
            (v128.and
              (v128.or
                (v128.or
                  (i16x8.ne
                    (v128.and (local.get $lo) (i16x8.sub (local.get $lo) (v128.const i16x8 1 1 1 1 1 1 1 1)))
                    (v128.const i16x8 0 0 0 0 0 0 0 0))
                  (i16x8.ne
                    (v128.and (local.get $hi) (i16x8.sub (local.get $hi) (v128.const i16x8 1 1 1 1 1 1 1 1)))
                    (v128.const i16x8 0 0 0 0 0 0 0 0)))
                (v128.and
                  (i16x8.ne (local.get $lo) (v128.const i16x8 0 0 0 0 0 0 0 0))
                  (i16x8.ne (local.get $hi) (v128.const i16x8 0 0 0 0 0 0 0 0))))
              (local.get $halfSlot))))
        ;; a shared language, grand domaine, NAF section
        ${addIfShared(32, 'languages', 'language')}
        ${addIfShared(48, 'grandDomaines', 'grandDomaine')}
        ${addIfShared(64, 'sections', 'section')}
        ;; geography: both open to remote meetings, or a mentor in person with coordinates
        (local.set $u
          (i16x8.add (local.get $u)
            (v128.and
              (v128.or
                (i16x8.ne (v128.and (local.get $fl) (local.get $remote)) (v128.const i16x8 0 0 0 0 0 0 0 0))
                (v128.and
                  (i16x8.eq
                    (v128.and (local.get $fl) (v128.const i16x8 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30))
                    (v128.const i16x8 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30))
                  (local.get $nearOn)))
              (local.get $geography))))
        ;; text: the shared frequent terms, capped so that the sum stays within 16 bits
        (local.set $x
          (i16x8.min_u
            (i16x8.extadd_pairwise_i8x16_u
              (i8x16.add
                (i8x16.add
                  (i8x16.popcnt (v128.and (v128.load offset=96 (local.get $a)) (local.get $terms0)))
                  (i8x16.popcnt (v128.and (v128.load offset=112 (local.get $a)) (local.get $terms1))))
                (i8x16.add
                  (i8x16.popcnt (v128.and (v128.load offset=128 (local.get $a)) (local.get $terms2)))
                  (i8x16.popcnt (v128.and (v128.load offset=144 (local.get $a)) (local.get $terms3))))))
            (local.get $sharedMost)))
        (local.set $x
          (i16x8.add (local.get $rareQuery) (i16x8.mul (local.get $x) (local.get $termQuery))))
        ;; times the row's largest weight (1/256), rounded up
        (local.set $lo (i16x8.shr_u (local.get $fl) (i32.const 7)))
        (local.set $x
          (i16x8.narrow_i32x4_u
            (i32x4.shr_u
              (i32x4.add (i32x4.extmul_low_i16x8_u (local.get $x) (local.get $lo))
                (v128.const i32x4 255 255 255 255))
              (i32.const 8))
            (i32x4.shr_u
              (i32x4.add (i32x4.extmul_high_i16x8_u (local.get $x) (local.get $lo))
                (v128.const i32x4 255 255 255 255))
              (i32.const 8))))
        (local.set $u
          (i16x8.add
            (i16x8.add (local.get $u) (local.get $slack))
            (i16x8.min_u (local.get $reach) (local.get $x))))
        (local.set $keep (i16x8.ge_s (local.get $u) (local.get $threshold)))
        (local.set $bits (i16x8.bitmask (local.get $keep)))
        (if (local.get $bits)
          (then
            (loop $emit
              (i32.store
                (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2)))
                (i32.add (local.get $index) (i32.ctz (local.get $bits))))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
              (br_if $emit (local.get $bits)))))
        (local.set $a (i32.add (local.get $a) (i32.const ${BLOCK_BYTES})))
        (local.set $index (i32.add (local.get $index) (i32.const ${LANES})))
        (local.set $blocks (i32.sub (local.get $blocks) (i32.const 1)))
        (br $next)))
    (local.get $n)))
`;

/** The part of the WebAssembly API used here (the project's TypeScript libraries omit it). */
type WasmMemory = { buffer: ArrayBuffer; grow(pages: number): number };
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const wabt = await createWabt();
const parsed = wabt.parseWat('filter-rows.wat', KERNEL, { simd: true });
const kernelModule = new wasm.Module(parsed.toBinary({}).buffer);
parsed.destroy();

/**
 * One thread's instance of the filter: the rows' blocks, `searches` parameter blocks and an
 * output list as long as the rows, in its own memory.
 */
export type RowFilter = {
  /** Rows rounded up to whole blocks (the padding rows are all zero). */
  paddedRows: number;
  /** Blocks of `LANES` rows. */
  blockCount: number;
  /** The output list (a view of the memory): `found` holds what the last call wrote. */
  found: Int32Array;
  /** Sets search s's query (everything but the threshold). */
  setQuery(search: number, query: FilterQuery): void;
  /**
   * The rows, among blocks `fromBlock` … `toBlock - 1`, whose bound under search s's query
   * reaches `threshold` (units), written to `found` from 0; returns how many.
   */
  filter(search: number, threshold: number, fromBlock: number, toBlock: number): number;
};

/** A filter over the rows of `tables`, for `searches` searches at once. */
export function createRowFilter(tables: ScoringTables, searches: number): RowFilter {
  const filter = allocateRowFilter(tables.rowCount, searches);
  const { rowPacked } = tables;
  for (let r = 0; r < tables.rowCount; r++) {
    const packed = r * ROW_STRIDE;
    const masks = rowPacked[packed + PACKED.masks]!;
    const flags = rowPacked[packed + PACKED.flags]!;
    filter.writeRow(r, {
      expertise: masks & ((1 << NEED_BITS) - 1),
      availability: masks >>> NEED_BITS,
      grandDomaineBits: tables.rowGrandDomaineBits[r]!,
      sectionBits: tables.rowSectionBits[r]!,
      kind: flags & 7,
      remote: (flags & 8) !== 0,
      inPerson: (flags & 16) !== 0,
      hasCoordinates: (flags & 128) !== 0,
      languages: rowPacked[packed + PACKED.languages]!,
      termsLow: rowPacked[packed + PACKED.termsLow]!,
      termsHigh: rowPacked[packed + PACKED.termsHigh]!,
      textMax: tables.rowTextMax[r]!,
    });
  }
  return filter;
}

/** A filter for `rowCount` rows, for `searches` searches, with rows written by `writeRow`. */
export function allocateRowFilter(
  rowCount: number,
  searches: number,
): RowFilter & { writeRow(r: number, row: FilterRow): void } {
  const paddedRows = Math.ceil(rowCount / LANES) * LANES;
  const blockCount = paddedRows / LANES;
  const paramsOffset = blockCount * BLOCK_BYTES;
  const outOffset = paramsOffset + searches * FILTER_PARAMS_BYTES;
  const bytes = outOffset + 4 * paddedRows;
  const instance = new wasm.Instance(kernelModule, {});
  const exports = instance.exports as {
    memory: WasmMemory;
    filter: (p: number, from: number, blocks: number, out: number) => number;
  };
  const pages = Math.ceil(bytes / 65536) - exports.memory.buffer.byteLength / 65536;
  if (pages > 0) exports.memory.grow(pages);
  const buffer = exports.memory.buffer;
  const words = new Int32Array(buffer);
  const lanes = new Uint16Array(buffer);
  const bytesView = new Uint8Array(buffer);
  const paramWord = (search: number, offset: number) =>
    (paramsOffset + search * FILTER_PARAMS_BYTES + offset) >>> 2;
  return {
    paddedRows,
    blockCount,
    found: new Int32Array(buffer, outOffset, paddedRows),
    writeRow(r, row) {
      if (row.availability >>> 20 !== 0) throw new RangeError('at most 20 slots');
      // Lane r % 8 of vector v of block r / 8.
      const lane = (vector: number) => ((r >>> 3) * BLOCK_BYTES) / 2 + vector * LANES + (r & 7);
      const textMax = Math.min(256, Math.ceil(row.textMax * 256 * (1 + 1e-9)));
      lanes[lane(0)] = row.expertise | ((row.availability >>> 16) << 12);
      lanes[lane(1)] = row.availability & 0xffff;
      lanes[lane(2)] = foldMask(row.languages);
      lanes[lane(3)] = foldMask(row.grandDomaineBits);
      lanes[lane(4)] = foldMask(row.sectionBits);
      lanes[lane(5)] =
        row.kind |
        (row.remote ? 8 : 0) |
        (row.inPerson ? 16 : 0) |
        (row.hasCoordinates ? 32 : 0) |
        (textMax << 7);
      lanes[lane(6)] = row.termsLow & 0xffff;
      lanes[lane(7)] = row.termsLow >>> 16;
      lanes[lane(8)] = row.termsHigh & 0xffff;
      lanes[lane(9)] = row.termsHigh >>> 16;
    },
    setQuery(search, query) {
      const at = (offset: number) => paramWord(search, offset);
      if (query.availability >>> 20 !== 0) throw new RangeError('at most 20 slots');
      words[at(PARAM.needs)] = query.needs & ((1 << NEED_BITS) - 1);
      words[at(PARAM.needUnit)] = query.needUnit;
      words[at(PARAM.slotsLow)] = query.availability & 0xffff;
      words[at(PARAM.slotsHigh)] = (query.availability >>> 16) << 12;
      words[at(PARAM.halfSlot)] = query.halfSlot;
      words[at(PARAM.languages)] = foldMask(query.languages);
      words[at(PARAM.language)] = query.language;
      words[at(PARAM.grandDomaines)] = foldMask(query.grandDomaines);
      words[at(PARAM.grandDomaine)] = query.grandDomaine;
      words[at(PARAM.sections)] = foldMask(query.sections);
      words[at(PARAM.section)] = query.section;
      words[at(PARAM.remote)] = query.remote ? 8 : 0;
      words[at(PARAM.nearOn)] = query.near ? -1 : 0;
      words[at(PARAM.geography)] = query.geography;
      words[at(PARAM.terms)] = query.termsLow & 0xffff;
      words[at(PARAM.terms) + 1] = query.termsLow >>> 16;
      words[at(PARAM.terms) + 2] = query.termsHigh & 0xffff;
      words[at(PARAM.terms) + 3] = query.termsHigh >>> 16;
      // 16-bit lanes: the text part stays below 2^15 (the reach caps it anyway).
      words[at(PARAM.reach)] = Math.min(4096, query.reach);
      const termQuery = Math.min(4096, query.termQuery);
      const rareQuery = Math.min(4096, query.rareQuery);
      words[at(PARAM.termQuery)] = termQuery;
      words[at(PARAM.rareQuery)] = rareQuery;
      // Beyond this many shared terms the product would not fit; it is above the reach.
      words[at(PARAM.sharedMost)] = Math.min(
        64,
        Math.floor((32767 - rareQuery) / Math.max(1, termQuery)),
      );
      words[at(PARAM.slack)] = query.slack;
      let largest = 0;
      for (const units of query.kindUnits) largest = Math.max(largest, units);
      if (largest > 255 << 3) throw new RangeError('kind units above 2040');
      const shift = largest > 255 ? 3 : 0;
      words[at(PARAM.kindShift)] = shift;
      const lut = at(PARAM.kindUnits) * 4;
      for (let kind = 0; kind < 16; kind++)
        bytesView[lut + kind] =
          kind < 8 ? Math.ceil((query.kindUnits[kind] ?? 0) / (1 << shift)) : 0;
    },
    filter(search, threshold, fromBlock, toBlock) {
      words[paramWord(search, PARAM.threshold)] = Math.max(-32768, Math.min(32767, threshold));
      return exports.filter(
        paramsOffset + search * FILTER_PARAMS_BYTES,
        fromBlock,
        toBlock - fromBlock,
        outOffset,
      );
    },
  };
}
