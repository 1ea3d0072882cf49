import type { Position } from './read-geojson.ts';

/** A point in decimal degrees. */
export type LonLat = { longitude: number; latitude: number };

/**
 * The area-weighted centroid (centre of mass) of a polygon or multipolygon given as GeoJSON
 * coordinates: polygons of rings, the first ring of each the outline, the others holes.
 * Computed in the plane of longitude and latitude: a centroid is unchanged by stretching one
 * axis, so the cos(latitude) squeeze only matters through its variation across the shape,
 * which is negligible at the scale of a commune. `undefined` when the shape has no area.
 */
export function computeAreaCentroid(
  polygons: readonly (readonly Position[])[][],
): LonLat | undefined {
  const origin = polygons[0]?.[0]?.[0];
  if (!origin) return undefined;
  // Coordinates are taken relative to one vertex: products of large degrees lose precision.
  const [originX = 0, originY = 0] = origin;
  let area = 0;
  let momentX = 0;
  let momentY = 0;
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      const moments = ringMoments(ring, originX, originY);
      if (moments.area === 0) return;
      // Rings may be wound either way: the outline counts positive, holes negative.
      const sign = (index === 0 ? 1 : -1) * Math.sign(moments.area);
      area += sign * moments.area;
      momentX += sign * moments.momentX;
      momentY += sign * moments.momentY;
    });
  }
  if (!(area > 0)) return undefined;
  return { longitude: originX + momentX / area, latitude: originY + momentY / area };
}

/** Shoelace sums of one ring: signed area, and area times centroid along each axis. */
function ringMoments(
  ring: readonly Position[],
  originX: number,
  originY: number,
): { area: number; momentX: number; momentY: number } {
  let doubleArea = 0;
  let sumX = 0;
  let sumY = 0;
  for (let index = 0; index < ring.length; index += 1) {
    const [ax = 0, ay = 0] = ring[index] ?? [];
    // Closing the ring explicitly: a repeated last vertex then adds a zero term.
    const [bx = 0, by = 0] = ring[(index + 1) % ring.length] ?? [];
    const x1 = ax - originX;
    const y1 = ay - originY;
    const x2 = bx - originX;
    const y2 = by - originY;
    const cross = x1 * y2 - x2 * y1;
    doubleArea += cross;
    sumX += (x1 + x2) * cross;
    sumY += (y1 + y2) * cross;
  }
  return { area: doubleArea / 2, momentX: sumX / 6, momentY: sumY / 6 };
}
