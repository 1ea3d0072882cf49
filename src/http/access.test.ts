import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { requireAccessDeclaration } from './access.ts';

describe('requireAccessDeclaration', () => {
  it('refuses a route that does not say who may call it', async () => {
    const app = Fastify();
    app.addHook('onRoute', requireAccessDeclaration);
    expect(() => app.get('/undeclared', () => 'x')).toThrow(
      'route GET /undeclared does not declare config.access',
    );
    await app.close();
  });

  it('accepts public routes and role lists', async () => {
    const app = Fastify();
    app.addHook('onRoute', requireAccessDeclaration);
    app.get('/open', { config: { access: 'public' } }, () => 'x');
    app.get('/staff', { config: { access: ['admin', 'coordinator'] } }, () => 'y');
    await app.ready();
    expect((await app.inject({ url: '/open' })).body).toBe('x');
    await app.close();
  });
});
