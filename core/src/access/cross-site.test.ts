import { describe, expect, it } from 'vitest';
import { crossSiteVerdict } from './cross-site.js';

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
    expect(crossSiteVerdict({ secFetchSite: 'same-origin', host: 'localhost:8000' }, ALLOWED).allowed).toBe(true);
    expect(crossSiteVerdict({ secFetchSite: 'none', host: 'localhost:8000' }, ALLOWED).allowed).toBe(true);
  });
});
