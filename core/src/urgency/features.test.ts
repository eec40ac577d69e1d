import { describe, expect, it } from 'vitest';
import { CUE_FAMILIES } from './cue-families.js';
import { compileFamilies, extractFeatures, featureNames, firstMatch, normalize, splitTicketText } from './features.js';

const families = compileFamilies(CUE_FAMILIES);
const family = (id: string) => families.find((f) => f.id === id)!;
const fires = (id: string, text: string) => firstMatch(family(id), normalize(text));

describe('cue families', () => {
  it.each<[string, string[], string[]]>([
    ['impact', ['Production is affected', 'none of our stores can take orders', 'the whole company is waiting', 'customers cannot check out', 'all of our users see it'], ['my own account', 'one user asked']],
    ['severity', ['We have an outage', 'the site is down', 'all records deleted', 'the card reader gets very hot', 'I am locked out', 'error 500 on every page'], ['slow page', 'a question about pricing', 'the model renders upside down']],
    ['security', ['possible data breach', 'we were hacked', 'fraudulent transactions', 'unknown logins on the admin account', 'a fake shop using our brand', 'a user sending threats'], ['please reset my password']],
    ['exposure', ["I can see another customer's invoices", 'personal data of our members', 'the API key was pushed to a public GitHub repo', 'medical notes visible to other parents', 'sent to the wrong employer'], ['my own invoice']],
    ['blocking', ['I cannot log in', "we can't export", 'unable to print', 'the sync stopped working', 'monitor not recognised', 'it does not work'], ['works fine', 'it is slow sometimes']],
    ['deadline', ['need this ASAP', 'before Friday please', 'the deadline is tomorrow', 'within the hour', 'we go live tomorrow', 'service ending tonight'], ['next quarter', 'some day', 'today']],
    ['when', ['payroll runs today', 'since 9am', 'for three hours now', 'this morning'], ['next quarter', 'last year']],
    ['money', ['I was charged twice', 'double-charged again', 'our account is overdrawn', 'payroll did not run', 'card payments failing', '$12,400 missing'], ['a $5 coupon', 'pricing page']],
    ['legal', ['our lawyer will be in touch', 'we received a subpoena', 'the regulator asked', 'GDPR erasure request', 'statutory deadline', 'cease and desist'], ['legal page typo?']],
    ['repeated', ['this is the third time I write', 'still no answer from you', 'I already reported this', 'following up on my ticket'], ['first time here']],
    ['no_rush', ['no rush at all', 'not urgent', 'whenever you can', 'this is not blocking us', 'take your time'], ['urgent!']],
    ['low_stakes', ['feature request: dark mode', 'just curious how exports work', 'how do I change my logo', 'thanks in advance', 'small typo in the footer'], ['the server crashed']],
    ['resolved', ['it is working again', 'false alarm, sorry', 'please ignore my last email', 'only in the sandbox', 'the staging server'], ['still broken']],
  ])('%s fires on its phrases and not on others', (id, positives, negatives) => {
    for (const text of positives) expect(fires(id, text), text).toBeDefined();
    for (const text of negatives) expect(fires(id, text), text).toBeUndefined();
  });

  it('every family has a test above', () => {
    expect(CUE_FAMILIES.map((f) => f.id).sort()).toEqual(
      ['blocking', 'deadline', 'exposure', 'impact', 'legal', 'low_stakes', 'money', 'no_rush', 'repeated', 'resolved', 'security', 'severity', 'when'],
    );
  });
});

describe('negation', () => {
  it.each([
    ['severity', 'the site is not down, just slow'],
    ['security', 'no data breach happened'],
    ['deadline', 'this is not urgent'],
    ['deadline', 'a few billing things, none urgent'],
    ['legal', "we don't need a lawyer"],
    ['money', 'I was never charged twice, just asking'],
  ])('%s does not fire on %j', (id, text) => {
    expect(fires(id, text)).toBeUndefined();
  });

  it('a hyphen joins words: pre-production is not production', () => {
    expect(fires('impact', 'latency spikes in our pre-production test')).toBeUndefined();
    expect(fires('impact', 'latency spikes in production')).toBe('production');
  });

  it('a negation in an earlier sentence does not carry over', () => {
    expect(fires('severity', 'Not sure what happened. The site is down.')).toBe('down');
  });

  it('phrases that carry their own negation still fire', () => {
    expect(fires('blocking', 'the printer is not working')).toBe('not working');
    expect(fires('no_rush', 'not urgent at all')).toBe('not urgent');
  });
});

describe('features', () => {
  it('keeps the subject apart from the body, and quoted mail out', () => {
    const { values, matched } = extractFeatures(families, 'OUTAGE', 'Thanks.\n> we were hacked last year', 0.4);
    const names = featureNames(CUE_FAMILIES);
    expect(values[0]).toBe(0.4);
    expect(values[names.indexOf('subject:severity')]).toBe(1);
    expect(matched[names.indexOf('subject:severity')]).toBe('outage');
    expect(values[names.indexOf('severity')]).toBe(0);
    expect(values).toHaveLength(names.length);
  });

  it('reads `subject\\nbody`, and a text without a newline as all body', () => {
    expect(splitTicketText('Site down\nAll stores offline\nsince 9')).toEqual({ subject: 'Site down', body: 'All stores offline\nsince 9' });
    expect(splitTicketText('Everything is broken ASAP')).toEqual({ subject: '', body: 'Everything is broken ASAP' });
  });

  it('straightens typographic apostrophes', () => {
    expect(fires('blocking', 'we can’t log in')).toBeDefined();
  });
});
