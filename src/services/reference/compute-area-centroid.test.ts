import { describe, expect, it } from 'vitest';
import { computeAreaCentroid } from './compute-area-centroid.ts';

const square = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('computeAreaCentroid', () => {
  it('finds the centre of a square, whichever way it is wound', () => {
    expect(computeAreaCentroid([[square(5, 43, 2)]])).toEqual({ longitude: 6, latitude: 44 });
    expect(computeAreaCentroid([[square(5, 43, 2).reverse()]])).toEqual({
      longitude: 6,
      latitude: 44,
    });
  });

  it('weights the parts of a multipolygon by their area', () => {
    // A 2×2 square (area 4) centred on (1, 1) and a 1×1 square (area 1) centred on (10.5, 0.5).
    const centroid = computeAreaCentroid([[square(0, 0, 2)], [square(10, 0, 1)]]);
    expect(centroid?.longitude).toBeCloseTo((4 * 1 + 1 * 10.5) / 5, 12);
    expect(centroid?.latitude).toBeCloseTo((4 * 1 + 1 * 0.5) / 5, 12);
  });

  it('subtracts holes', () => {
    // A 4×4 square with the 2×2 square of its right-hand upper quarter cut out.
    const centroid = computeAreaCentroid([[square(0, 0, 4), square(2, 2, 2)]]);
    expect(centroid?.longitude).toBeCloseTo((16 * 2 - 4 * 3) / 12, 12);
    expect(centroid?.latitude).toBeCloseTo((16 * 2 - 4 * 3) / 12, 12);
  });

  it('is the mean of the vertices for a triangle, and undefined without area', () => {
    const centroid = computeAreaCentroid([
      [
        [
          [0, 0],
          [3, 0],
          [0, 3],
          [0, 0],
        ],
      ],
    ]);
    expect(centroid?.longitude).toBeCloseTo(1, 12);
    expect(centroid?.latitude).toBeCloseTo(1, 12);
    expect(
      computeAreaCentroid([
        [
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [0, 0],
          ],
        ],
      ]),
    ).toBeUndefined();
    expect(computeAreaCentroid([])).toBeUndefined();
  });
});
