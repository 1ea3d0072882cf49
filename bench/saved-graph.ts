/** A candidate graph and its pruning bounds as one binary buffer (bench use only). */
import type { CandidateGraph } from '../src/matching/candidate-graph.ts';

/** Header: mentee count, mentor count, arc count (as doubles); then the arrays in order. */
export function encodeSavedGraph(graph: CandidateGraph, prunedBound: Float64Array): Buffer {
  const arcCount = graph.arcMentor.length;
  const parts = [
    new Float64Array([graph.menteeCount, graph.mentorCount, arcCount]),
    graph.mentorCapacity,
    graph.arcStart,
    graph.arcMentor,
    graph.arcScore,
    prunedBound,
  ];
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}

/** Reads back what `encodeSavedGraph` wrote. */
export function decodeSavedGraph(buffer: Buffer): {
  graph: CandidateGraph;
  prunedBound: Float64Array;
} {
  const bytes = new Uint8Array(buffer.byteLength);
  bytes.set(buffer);
  let at = 0;
  const take = <T>(make: (b: ArrayBuffer, o: number, n: number) => T, n: number, size: number) => {
    const value = make(bytes.buffer, at, n);
    at += n * size;
    return value;
  };
  const header = take((b, o, n) => new Float64Array(b, o, n), 3, 8);
  const [menteeCount, mentorCount, arcCount] = [header[0]!, header[1]!, header[2]!];
  const mentorCapacity = take((b, o, n) => new Int32Array(b, o, n), mentorCount, 4);
  const arcStart = take((b, o, n) => new Int32Array(b, o, n), menteeCount + 1, 4);
  const arcMentor = take((b, o, n) => new Int32Array(b, o, n), arcCount, 4);
  // Int32 parts may leave the offset off an 8-byte boundary: copy the doubles.
  const doubles = (n: number) => {
    const value = new Float64Array(bytes.slice(at, at + 8 * n).buffer);
    at += 8 * n;
    return value;
  };
  const arcScore = doubles(arcCount);
  const prunedBound = doubles(menteeCount);
  return {
    graph: { menteeCount, mentorCount, mentorCapacity, arcStart, arcMentor, arcScore },
    prunedBound,
  };
}
