// Writes the API's OpenAPI document to openapi.json (committed; a test checks it for drift).
import fs from 'node:fs';
import { openPglite } from '../src/db/client.ts';
import { buildApp } from '../src/http/app.ts';

const database = await openPglite({});
const app = await buildApp({
  database,
  secret: 'export-only-secret-export-only-secret-0000',
  publicUrl: 'http://localhost:3000',
});
const response = await app.inject({ method: 'GET', url: '/openapi.json' });
fs.writeFileSync('openapi.json', `${JSON.stringify(response.json(), null, 2)}\n`);
await app.close();
await database.close();
console.log('openapi.json written');
