import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The product's version, from package.json. */
export const PRODUCT_VERSION = (require('../package.json') as { version: string }).version;
