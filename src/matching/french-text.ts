import snowball from 'snowball-stemmers';
import stopword from 'stopword';

const stemmer = snowball.newStemmer('french');
const stemCache = new Map<string, string>();
const stopWords = new Set([...stopword.fra, 'projet', 'ans', 'an', 'faire', 'être', 'avoir']);

/**
 * Stems of the meaningful words of a French text: lower-cased, split on anything that is not
 * a letter or digit (elisions such as « l'entreprise » split at the apostrophe), French stop
 * words removed (stopword), Snowball French stemmer (snowball-stemmers).
 */
export function extractStems(text: string): string[] {
  const stems: string[] = [];
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 2 || stopWords.has(word)) continue;
    let stem = stemCache.get(word);
    if (stem === undefined) {
      stem = stemmer.stem(word);
      // Vocabularies are small next to the number of profiles; the cache stays bounded.
      if (stemCache.size < 200_000) stemCache.set(word, stem);
    }
    stems.push(stem);
  }
  return stems;
}

/** A TF-IDF vector: term ids in increasing order and their L2-normalised weights. */
export type TextVector = { readonly terms: Int32Array; readonly weights: Float64Array };

/** Term dictionary and document frequencies of a corpus, to vectorise its documents. */
export type TextIndex = {
  readonly termIds: Map<string, number>;
  readonly terms: string[];
  readonly inverseFrequency: Float64Array;
};

/**
 * Builds the index from every document of the instance (mentee projects and mentor
 * experiences together), so a word shared by everybody weighs little.
 */
export function buildTextIndex(documents: readonly (readonly string[])[]): TextIndex {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const frequency: number[] = [];
  for (const stems of documents) {
    const seen = new Set<number>();
    for (const stem of stems) {
      let id = termIds.get(stem);
      if (id === undefined) {
        id = terms.length;
        termIds.set(stem, id);
        terms.push(stem);
        frequency.push(0);
      }
      if (!seen.has(id)) {
        seen.add(id);
        frequency[id]!++;
      }
    }
  }
  const count = Math.max(1, documents.length);
  const inverseFrequency = Float64Array.from(
    frequency,
    (df) => Math.log((1 + count) / (1 + df)) + 1,
  );
  return { termIds, terms, inverseFrequency };
}

/** TF-IDF vector of one document (sublinear term frequency), unknown terms ignored. */
export function vectorise(index: TextIndex, stems: readonly string[]): TextVector {
  const counts = new Map<number, number>();
  for (const stem of stems) {
    const id = index.termIds.get(stem);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const terms = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const weights = Float64Array.from(
    terms,
    (id) => (1 + Math.log(counts.get(id)!)) * index.inverseFrequency[id]!,
  );
  let norm = 0;
  for (const weight of weights) norm += weight * weight;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
  return { terms, weights };
}

/** Cosine similarity of two normalised vectors, in [0, 1]. */
export function measureCosine(left: TextVector, right: TextVector): number {
  let total = 0;
  let l = 0;
  let r = 0;
  while (l < left.terms.length && r < right.terms.length) {
    const a = left.terms[l]!;
    const b = right.terms[r]!;
    if (a === b) total += left.weights[l++]! * right.weights[r++]!;
    else if (a < b) l++;
    else r++;
  }
  return Math.min(1, total);
}

/** The shared terms that weigh most in the similarity, for the explanation. */
export function listSharedTerms(
  index: TextIndex,
  left: TextVector,
  right: TextVector,
  limit: number,
): string[] {
  const shared: [number, number][] = [];
  let l = 0;
  let r = 0;
  while (l < left.terms.length && r < right.terms.length) {
    const a = left.terms[l]!;
    const b = right.terms[r]!;
    if (a === b) shared.push([a, left.weights[l++]! * right.weights[r++]!]);
    else if (a < b) l++;
    else r++;
  }
  return shared
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, limit)
    .map(([id]) => index.terms[id]!);
}
