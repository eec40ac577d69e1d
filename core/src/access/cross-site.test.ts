import { describe, expect, it } from 'vitest';
import { crossSiteVerdict, hostAllowed } from './cross-site.js';

const ALLOWED = ['http://localhost:5173'];

describe('crossSiteVerdict', () => {
  it('lets non-browser clients through', () => {
    expect(crossSiteVerdict({ host: 'api:8000' }, ALLOWED)).toEqual({ allowed: true });
  });

  it('lets allowed and same-origin pages through', () => {
    expect(crossSiteVerdict({ origin: 'http://localhost:5173', secFetchSite: 'same-site', host: 'localhost:8000' }, ALLOWED).allowed).toBe(true);
    expect(crossSiteVerdict({ origin: 'http://localhost:8000', secFetchSite: 'same-origin', host: 'localhost:8000' }, ALLOWED).allowed).toBe(true);
    expect(crossSiteVerdict({ origin: 'https://anything.example', host: 'api' }, ['*']).allowed).toBe(true);
  });

  it('refuses a foreign origin', () => {
    const verdict = crossSiteVerdict({ origin: 'http://evil.example', secFetchSite: 'cross-site', host: 'localhost:8000' }, ALLOWED);
    expect(verdict).toEqual({ allowed: false, reason: 'origin http://evil.example is not allowed (CORS_ORIGINS)' });
    expect(crossSiteVerdict({ origin: 'null', host: 'localhost:8000' }, ALLOWED).allowed).toBe(false);
    expect(crossSiteVerdict({ origin: 'http://localhost:8001', host: 'localhost:8000' }, ALLOWED).allowed).toBe(false);
  });

  it('refuses a cross-site request that carries no Origin (an <img>)', () => {
    expect(crossSiteVerdict({ secFetchSite: 'cross-site', host: 'localhost:8000' }, ALLOWED).allowed).toBe(false);
    expect(crossSiteVerdict({ secFetchSite: 'same-site', host: 'localhost:8000' }, ALLOWED).allowed).toBe(false);
    expect(crossSiteVerdict({ secFetchSite: 'same-origin', host: 'localhost:8000' }, ALLOWED).allowed).toBe(true);
    expect(crossSiteVerdict({ secFetchSite: 'none', host: 'localhost:8000' }, ALLOWED).allowed).toBe(true);
  });
});

describe('hostAllowed (DNS rebinding, for APIs without keys)', () => {
  it.each(['127.0.0.1:8000', 'localhost:8000', 'LOCALHOST', 'app.localhost:8000', '[::1]:8000', '10.0.0.7', undefined])('serves %s', (host) => {
    expect(hostAllowed(host, ALLOWED, [])).toBe(true);
  });

  it('serves the hosts of CORS_ORIGINS and ALLOWED_HOSTS', () => {
    expect(hostAllowed('desk.example.com', ['https://desk.example.com'], [])).toBe(true);
    expect(hostAllowed('queue-box:8000', ALLOWED, ['queue-box'])).toBe(true);
  });

  it.each(['rebind.attacker.example:8000', 'localhost.attacker.example', 'evil', '%%%'])('refuses %s', (host) => {
    expect(hostAllowed(host, [...ALLOWED, '*'], ['queue-box'])).toBe(false);
  });
});
