import createWabt from 'wabt';
import type { ScoringTables } from './scoring-tables.ts';
import { PACKED, ROW_STRIDE } from './scoring-tables.ts';

/**
 * A WebAssembly SIMD filter of the rows of the candidate search (decision 0109): for four
 * rows at a time, an integer upper bound of the score a row can get when it shares no key
 * (no occupation domaine, NAF division or place id) with the mentee, and the rows whose
 * bound reaches a threshold. The bound is summed in units of 1/`UNITS` of a score, each
 * criterion rounded up, so it is never below the exact score; the search scores the rows it
 * lets through exactly, in JavaScript.
 *
 * Rows are stored four by four: for each block of four rows, eight vectors of four 32-bit
 * words (`BLOCK_BYTES`): expertise | availability << NEED_BITS, grand domaine bits, NAF
 * section bits, flags (as `PACKED.flags`), languages, frequent-term bits low and high, and
 * the largest TF-IDF weight in 1/1024.
 */
export const UNITS = 1024;

/** Bytes of one block of four rows. */
const BLOCK_BYTES = 128;

/**
 * Offsets (bytes) in a search's parameter block: what the mentee brings to each criterion,
 * as bits to test and the units each one adds.
 */
export const FILTER = {
  needs: 0,
  needUnit: 4,
  availability: 8,
  halfSlot: 12,
  languages: 16,
  language: 20,
  grandDomaines: 24,
  grandDomaine: 28,
  sections: 32,
  section: 36,
  /** Flag bit of the mentors open to remote meetings when the mentee is (else 0). */
  remote: 40,
  /** Flag bits (in person, coordinates) a mentor needs to be near; `nearOn` -1 when used. */
  near: 44,
  nearOn: 48,
  geography: 52,
  termsLow: 56,
  termsHigh: 60,
  perTerm: 64,
  rare: 68,
  reach: 72,
  slack: 76,
  threshold: 80,
  /** Shift of the kind units (they are stored as bytes: in units of 2^shift). */
  kindShift: 92,
  /** 16 bytes: units of the track fit by kind + 1. */
  kindUnits: 96,
  /**
   * Units of the text weight times the mentee's largest frequent-term weight, and times the
   * sum of its other weights: with a row's largest weight, they bound its text too.
   */
  termQuery: 112,
  rareQuery: 116,
} as const;

/** Bytes of a parameter block. */
export const FILTER_PARAMS_BYTES = 128;

const KERNEL = String.raw`
(module
  (memory (export "memory") 1)
  (func (export "filter")
    (param $p i32) (param $from i32) (param $blocks i32) (param $out i32) (result i32)
    (local $n i32) (local $bits i32) (local $index i32) (local $a i32) (local $shift i32)
    (local $needs v128) (local $needUnit v128) (local $avail v128) (local $half v128)
    (local $langs v128) (local $langQ v128) (local $gd v128) (local $gdQ v128)
    (local $sec v128) (local $secQ v128) (local $remote v128) (local $near v128)
    (local $nearOn v128) (local $geoQ v128) (local $ql v128) (local $qh v128)
    (local $perTerm v128) (local $rare v128) (local $reach v128) (local $slack v128)
    (local $thr v128) (local $lut v128)
    (local $termQuery v128) (local $rareQuery v128)
    (local $m v128) (local $fl v128) (local $u v128) (local $x v128) (local $keep v128)
    (local.set $needs (i32x4.splat (i32.load offset=0 (local.get $p))))
    (local.set $needUnit (i32x4.splat (i32.load offset=4 (local.get $p))))
    (local.set $avail (i32x4.splat (i32.load offset=8 (local.get $p))))
    (local.set $half (i32x4.splat (i32.load offset=12 (local.get $p))))
    (local.set $langs (i32x4.splat (i32.load offset=16 (local.get $p))))
    (local.set $langQ (i32x4.splat (i32.load offset=20 (local.get $p))))
    (local.set $gd (i32x4.splat (i32.load offset=24 (local.get $p))))
    (local.set $gdQ (i32x4.splat (i32.load offset=28 (local.get $p))))
    (local.set $sec (i32x4.splat (i32.load offset=32 (local.get $p))))
    (local.set $secQ (i32x4.splat (i32.load offset=36 (local.get $p))))
    (local.set $remote (i32x4.splat (i32.load offset=40 (local.get $p))))
    (local.set $near (i32x4.splat (i32.load offset=44 (local.get $p))))
    (local.set $nearOn (i32x4.splat (i32.load offset=48 (local.get $p))))
    (local.set $geoQ (i32x4.splat (i32.load offset=52 (local.get $p))))
    (local.set $ql (i32x4.splat (i32.load offset=56 (local.get $p))))
    (local.set $qh (i32x4.splat (i32.load offset=60 (local.get $p))))
    (local.set $perTerm (i32x4.splat (i32.load offset=64 (local.get $p))))
    (local.set $rare (i32x4.splat (i32.load offset=68 (local.get $p))))
    (local.set $reach (i32x4.splat (i32.load offset=72 (local.get $p))))
    (local.set $slack (i32x4.splat (i32.load offset=76 (local.get $p))))
    (local.set $thr (i32x4.splat (i32.load offset=80 (local.get $p))))
    (local.set $lut (v128.load offset=96 (local.get $p)))
    (local.set $termQuery (i32x4.splat (i32.load offset=112 (local.get $p))))
    (local.set $rareQuery (i32x4.splat (i32.load offset=116 (local.get $p))))
    (local.set $shift (i32.load offset=92 (local.get $p)))
    (local.set $a (i32.mul (local.get $from) (i32.const ${BLOCK_BYTES})))
    (local.set $index (i32.shl (local.get $from) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $blocks)))
        (local.set $m (v128.load offset=0 (local.get $a)))
        (local.set $fl (v128.load offset=48 (local.get $a)))
        ;; needs: shared needs times the units of one
        (local.set $u
          (i32x4.mul
            (i32x4.extadd_pairwise_i16x8_u
              (i16x8.extadd_pairwise_i8x16_u
                (i8x16.popcnt (v128.and (local.get $m) (local.get $needs)))))
            (local.get $needUnit)))
        ;; track fit by kind + 1 (the low byte of the flags; the other bytes select nothing)
        (local.set $u
          (i32x4.add (local.get $u)
            (i32x4.shl
              (i8x16.swizzle (local.get $lut)
                (v128.or
                  (v128.and (local.get $fl) (v128.const i32x4 7 7 7 7))
                  (v128.const i32x4 0x80808000 0x80808000 0x80808000 0x80808000)))
              (local.get $shift))))
        ;; one shared slot, then a second
        (local.set $x (v128.and (local.get $m) (local.get $avail)))
        (local.set $u
          (i32x4.add (local.get $u)
            (v128.and (i32x4.ne (local.get $x) (v128.const i32x4 0 0 0 0)) (local.get $half))))
        (local.set $u
          (i32x4.add (local.get $u)
            (v128.and
              (i32x4.ne
                (v128.and (local.get $x)
                  (i32x4.sub (local.get $x) (v128.const i32x4 1 1 1 1)))
                (v128.const i32x4 0 0 0 0))
              (local.get $half))))
        ;; a shared language, grand domaine, NAF section
        (local.set $u
          (i32x4.add (local.get $u)
            (v128.and
              (i32x4.ne
                (v128.and (v128.load offset=64 (local.get $a)) (local.get $langs))
                (v128.const i32x4 0 0 0 0))
              (local.get $langQ))))
        (local.set $u
          (i32x4.add (local.get $u)
            (v128.and
              (i32x4.ne
                (v128.and (v128.load offset=16 (local.get $a)) (local.get $gd))
                (v128.const i32x4 0 0 0 0))
              (local.get $gdQ))))
        (local.set $u
          (i32x4.add (local.get $u)
            (v128.and
              (i32x4.ne
                (v128.and (v128.load offset=32 (local.get $a)) (local.get $sec))
                (v128.const i32x4 0 0 0 0))
              (local.get $secQ))))
        ;; geography: both open to remote meetings, or a mentor that may be near
        (local.set $u
          (i32x4.add (local.get $u)
            (v128.and
              (v128.or
                (i32x4.ne (v128.and (local.get $fl) (local.get $remote)) (v128.const i32x4 0 0 0 0))
                (v128.and
                  (i32x4.eq (v128.and (local.get $fl) (local.get $near)) (local.get $near))
                  (local.get $nearOn)))
              (local.get $geoQ))))
        ;; text: the shared frequent terms times the most one can add, plus the rare terms
        (local.set $x
          (i32x4.extadd_pairwise_i16x8_u
            (i16x8.extadd_pairwise_i8x16_u
              (i8x16.add
                (i8x16.popcnt (v128.and (v128.load offset=80 (local.get $a)) (local.get $ql)))
                (i8x16.popcnt (v128.and (v128.load offset=96 (local.get $a)) (local.get $qh)))))))
        ;; and no shared weight above the row's largest one (units of 1/1024, rounded up)
        (local.set $u
          (i32x4.add
            (i32x4.add (local.get $u) (local.get $slack))
            (i32x4.min_s
              (i32x4.min_s (local.get $reach)
                (i32x4.add (local.get $rare) (i32x4.mul (local.get $x) (local.get $perTerm))))
              (i32x4.shr_u
                (i32x4.add
                  (i32x4.mul (v128.load offset=112 (local.get $a))
                    (i32x4.add (local.get $rareQuery)
                      (i32x4.mul (local.get $x) (local.get $termQuery))))
                  (v128.const i32x4 1023 1023 1023 1023))
                (i32.const 10)))))
        (local.set $keep (i32x4.ge_s (local.get $u) (local.get $thr)))
        (local.set $bits (i32x4.bitmask (local.get $keep)))
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
        (local.set $index (i32.add (local.get $index) (i32.const 4)))
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
 * One thread's instance of the filter over the rows of `tables`: their blocks, `searches`
 * parameter blocks and an output list as long as the rows, in its own memory.
 */
export type RowFilter = {
  /** Int32 view of the memory (parameters are written here, rows found are read here). */
  words: Int32Array;
  /** Byte offset of search s's parameter block: `paramsOffset + s * FILTER_PARAMS_BYTES`. */
  paramsOffset: number;
  /** Word offset of the output list. */
  outWord: number;
  /** Rows rounded up to a whole number of blocks. */
  paddedRows: number;
  /**
   * The rows, among blocks `fromBlock` … `toBlock - 1`, whose bound under search s's
   * parameters reaches its threshold, written from `outWord`; returns how many.
   */
  filter(search: number, fromBlock: number, toBlock: number): number;
};

/** A filter over the rows of `tables`, for `searches` searches at once. */
export function createRowFilter(tables: ScoringTables, searches: number): RowFilter {
  const filter = allocateRowFilter(tables.rowCount, searches);
  writeBlocks(tables, filter);
  return filter;
}

/** A filter for `rowCount` rows, all zero until written (`writeRow`). */
export function allocateRowFilter(rowCount: number, searches: number): RowFilter {
  const paddedRows = Math.ceil(rowCount / 4) * 4;
  const rowsBytes = (paddedRows / 4) * BLOCK_BYTES;
  const paramsOffset = rowsBytes;
  const outOffset = paramsOffset + searches * FILTER_PARAMS_BYTES;
  const bytes = outOffset + 4 * paddedRows;
  const instance = new wasm.Instance(kernelModule, {});
  const exports = instance.exports as {
    memory: WasmMemory;
    filter: (p: number, from: number, blocks: number, out: number) => number;
  };
  const pages = Math.ceil(bytes / 65536) - exports.memory.buffer.byteLength / 65536;
  if (pages > 0) exports.memory.grow(pages);
  return {
    words: new Int32Array(exports.memory.buffer),
    paramsOffset,
    outWord: outOffset / 4,
    paddedRows,
    filter: (search, fromBlock, toBlock) =>
      exports.filter(
        paramsOffset + search * FILTER_PARAMS_BYTES,
        fromBlock,
        toBlock - fromBlock,
        outOffset,
      ),
  };
}

/** What the filter reads of a row, in block order (see `UNITS`). */
export type FilterRow = {
  masks: number;
  grandDomaineBits: number;
  sectionBits: number;
  flags: number;
  languages: number;
  termsLow: number;
  termsHigh: number;
  /** The row's largest TF-IDF weight, in units of 1/1024 rounded up. */
  textMax: number;
};

/** Writes row r's words into its block. */
export function writeRow(filter: RowFilter, r: number, row: FilterRow): void {
  const base = (r >>> 2) * (BLOCK_BYTES / 4) + (r & 3);
  const { words } = filter;
  words[base] = row.masks;
  words[base + 4] = row.grandDomaineBits;
  words[base + 8] = row.sectionBits;
  words[base + 12] = row.flags;
  words[base + 16] = row.languages;
  words[base + 20] = row.termsLow;
  words[base + 24] = row.termsHigh;
  words[base + 28] = row.textMax;
}

/** Writes the rows' blocks (padding rows stay zero). */
function writeBlocks(tables: ScoringTables, filter: RowFilter): void {
  const { rowPacked, rowOccupationStart, rowOccupationClass, rowSectorStart, rowSectorClass } =
    tables;
  for (let r = 0; r < tables.rowCount; r++) {
    const packed = r * ROW_STRIDE;
    let grandDomaineBits = 0;
    for (let c = rowOccupationStart[r]!; c < rowOccupationStart[r + 1]!; c++) {
      const id = tables.occupationClassGrandDomaine[rowOccupationClass[c]!]!;
      if (id >= 0) grandDomaineBits |= 1 << (id & 31);
    }
    let sectionBits = 0;
    for (let c = rowSectorStart[r]!; c < rowSectorStart[r + 1]!; c++) {
      const id = tables.sectorClassLevels[5 * rowSectorClass[c]! + 4]!;
      if (id >= 0) sectionBits |= 1 << (id & 31);
    }
    writeRow(filter, r, {
      masks: rowPacked[packed + PACKED.masks]!,
      grandDomaineBits,
      sectionBits,
      flags: rowPacked[packed + PACKED.flags]!,
      languages: rowPacked[packed + PACKED.languages]!,
      termsLow: rowPacked[packed + PACKED.termsLow]!,
      termsHigh: rowPacked[packed + PACKED.termsHigh]!,
      textMax: Math.ceil(tables.rowTextMax[r]! * 1024 * (1 + 1e-9)),
    });
  }
}
