import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FilterQuery, FilterRow } from './filter-rows.ts';
import { allocateRowFilter, foldMask } from './filter-rows.ts';

const countBits = (bits: number) => {
  let count = 0;
  for (let rest = bits >>> 0; rest !== 0; rest &= rest - 1) count++;
  return count;
};
const isSet = (bits: number) => (bits !== 0 ? 1 : 0);

/** The filter's bound of a row, as documented in `filter-rows.ts`, written plainly. */
function boundOf(row: FilterRow, query: FilterQuery): number {
  const free = row.availability & query.availability;
  const shared =
    countBits(row.termsLow & query.termsLow) + countBits(row.termsHigh & query.termsHigh);
  // A weight is at most 1: 256 at most.
  const textMax = Math.min(256, Math.ceil(row.textMax * 256 * (1 + 1e-9)));
  const kindShift = Math.max(...query.kindUnits) > 255 ? 3 : 0;
  const kind = Math.ceil(query.kindUnits[row.kind]! / 2 ** kindShift) * 2 ** kindShift;
  return (
    countBits(row.expertise & query.needs) * query.needUnit +
    kind +
    query.halfSlot * (isSet(free) + (countBits(free) >= 2 ? 1 : 0)) +
    query.language * isSet(foldMask(row.languages) & foldMask(query.languages)) +
    query.grandDomaine * isSet(foldMask(row.grandDomaineBits) & foldMask(query.grandDomaines)) +
    query.section * isSet(foldMask(row.sectionBits) & foldMask(query.sections)) +
    query.geography *
      ((query.remote && row.remote) || (query.near && row.inPerson && row.hasCoordinates) ? 1 : 0) +
    query.slack +
    Math.min(query.reach, Math.ceil((textMax * (query.rareQuery + shared * query.termQuery)) / 256))
  );
}

// Any word, or one with a few bits set (so that one shared bit, or none, is common).
const fewBits = (top: number) =>
  fc
    .array(fc.integer({ min: 0, max: top }), { maxLength: 3 })
    .map((bits) => bits.reduce((mask, bit) => (mask | (1 << bit)) >>> 0, 0));
const word = fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fewBits(31));
const slots = fc.oneof(fc.integer({ min: 0, max: 2 ** 20 - 1 }), fewBits(19));
const needs = fc.oneof(fc.integer({ min: 0, max: 4095 }), fewBits(11));
const units = fc.integer({ min: 0, max: 400 });

const row: fc.Arbitrary<FilterRow> = fc.record({
  expertise: needs,
  availability: slots,
  grandDomaineBits: word,
  sectionBits: word,
  kind: fc.integer({ min: 0, max: 7 }),
  remote: fc.boolean(),
  inPerson: fc.boolean(),
  hasCoordinates: fc.boolean(),
  languages: word,
  termsLow: word,
  termsHigh: word,
  textMax: fc.double({ min: 0, max: 1, noNaN: true }),
});
const query: fc.Arbitrary<FilterQuery> = fc.record({
  needs,
  needUnit: units,
  availability: slots,
  halfSlot: units,
  languages: word,
  language: units,
  grandDomaines: word,
  grandDomaine: units,
  sections: word,
  section: units,
  remote: fc.boolean(),
  near: fc.boolean(),
  geography: units,
  termsLow: word,
  termsHigh: word,
  reach: fc.integer({ min: 0, max: 2000 }),
  termQuery: units,
  rareQuery: units,
  kindUnits: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 8, maxLength: 8 }),
  slack: fc.integer({ min: 0, max: 4 }),
});

describe('the row filter', () => {
  it('lets through exactly the rows whose integer bound reaches the threshold', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 41 }),
        fc.array(fc.tuple(query, fc.integer({ min: -100, max: 4000 })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.nat(),
        (rows, searches, seed) => {
          const filter = allocateRowFilter(rows.length, searches.length);
          rows.forEach((r, at) => filter.writeRow(at, r));
          searches.forEach(([q], s) => filter.setQuery(s, q));
          const from = seed % filter.blockCount;
          const to = from + ((seed >>> 8) % (filter.blockCount - from + 1));
          searches.forEach(([q, drawn], s) => {
            // Often right at some row's bound, where an error of one unit shows.
            const threshold =
              s % 2 === 0 ? boundOf(rows[(seed + s) % rows.length]!, q) + (seed & 1) : drawn;
            const count = filter.filter(s, threshold, from, to);
            const expected: number[] = [];
            for (let r = 8 * from; r < Math.min(8 * to, rows.length); r++)
              if (boundOf(rows[r]!, q) >= threshold) expected.push(r);
            // Padding rows (all zero) may be let through too; the search never scans them.
            const found = Array.from(filter.found.subarray(0, count));
            expect(found.filter((r) => r < rows.length)).toEqual(expected);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
