// Values that the database global set-up hands to test files through `inject`.
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  export interface ProvidedContext {
    databaseEngine: 'pglite' | 'postgres';
    pgliteTemplatePath: string;
    postgresUrl: string;
  }
}
export {};
