export * from './enums.ts';
export * from './reference.ts';
export * from './people.ts';
export * from './programs.ts';
export * from './tandems.ts';
export * from './operations.ts';
export * from './auth.ts';
export * from './notifications.ts';
