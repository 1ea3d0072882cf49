// Neither package ships type declarations; these cover the parts the engine uses.
declare module 'snowball-stemmers' {
  type Stemmer = { stem(word: string): string };
  const snowball: { newStemmer(language: string): Stemmer; algorithms(): string[] };
  export default snowball;
}

declare module 'stopword' {
  const stopword: { fra: string[]; eng: string[] };
  export default stopword;
}
