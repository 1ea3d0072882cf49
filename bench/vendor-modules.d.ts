// hungarian-on3 ships no type declarations; this covers its one function.
declare module 'hungarian-on3' {
  /** Pairs [worker, job] of an optimal assignment of a cost (or profit) matrix. */
  export default function hungarianOn3(costMatrix: number[][], isProfit?: boolean): number[][];
}
