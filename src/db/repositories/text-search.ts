import { sql, type SQL } from 'drizzle-orm';

// Accented letters of French (and a few neighbours) and their plain forms, position by
// position, for translate(). Folding both sides makes « Hélène » match « helene ».
const FOLDS: Record<string, string> = {
  a: 'àáâãäåāæ',
  c: 'çćč',
  e: 'èéêëēėę',
  i: 'ìíîïī',
  n: 'ñń',
  o: 'òóôõöøōœ',
  s: 'śš',
  u: 'ùúûüū',
  y: 'ýÿ',
  z: 'ž',
};
const ACCENTED = Object.values(FOLDS).join('');
const PLAIN = Object.entries(FOLDS)
  .map(([plain, accented]) => plain.repeat([...accented].length))
  .join('');

/** `expression` lower-cased and without accents, comparable with `foldedParameter`. */
export function foldText(expression: SQL): SQL {
  return sql`translate(lower(${expression}), ${ACCENTED}, ${PLAIN})`;
}

/**
 * True when `text` occurs in `expression`, ignoring case and accents. position() rather than
 * LIKE: the words are matched literally, `%` and `_` included.
 */
export function containsFolded(expression: SQL, text: string): SQL {
  return sql`position(${foldText(sql`${text}`)} in ${foldText(expression)}) > 0`;
}
