import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../access/route-access.js';
import { requireRouteAccessDeclarations } from './route-access-hook.js';

describe('route access declarations', () => {
  it('should refuse to start with a route that declares no access rule', async () => {
    const app = Fastify();
    requireRouteAccessDeclarations(app, ['/docs']);
    await expect(
      (async () => {
        await app.register(async (child) => {
          child.get('/declared', { config: { access: ACCESS.read } }, () => 'ok');
          child.get('/undeclared', () => 'oops');
        });
        await app.ready();
      })(),
    ).rejects.toMatchObject({
      code: 'PCS_API_ROUTE_ACCESS_UNDECLARED',
      message: expect.stringContaining('/undeclared'),
    });
  });

  it('should declare the routes under a public prefix public, and only those', async () => {
    const app = Fastify();
    requireRouteAccessDeclarations(app, ['/docs']);
    app.get('/docs', () => 'ui');
    app.get('/docs/json', () => 'spec');
    await app.ready();
    expect(app.hasRoute({ method: 'GET', url: '/docs/json' })).toBe(true);
    const other = Fastify();
    requireRouteAccessDeclarations(other, ['/docs']);
    await expect(
      (async () => {
        other.get('/docsx', () => 'not docs');
        await other.ready();
      })(),
    ).rejects.toMatchObject({ code: 'PCS_API_ROUTE_ACCESS_UNDECLARED' });
  });
});
