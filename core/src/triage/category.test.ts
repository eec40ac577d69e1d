import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from '../ticket/ticket.js';
import { CATEGORY_RULES, categorize } from './category.js';

describe('categorize: realistic tickets', () => {
  it.each<[string, Category]>([
    // Billing
    ['I was charged twice for my subscription this month', 'Billing'],
    ['Please send me a copy of my invoice for March', 'Billing'],
    ['Can I get a refund for the annual plan?', 'Billing'],
    ['My credit card was billed but the payment shows as pending', 'Billing'],
    ['Is there a coupon or discount for non-profits?', 'Billing'],
    ['I never received a receipt for the last bill', 'Billing'],
    ['You charged me twice!', 'Billing'],
    ['Why was I overcharged?', 'Billing'],
    // Technical
    ['Your app crashes every time I open the settings page', 'Technical'],
    ["I can't log in since the last update", 'Technical'],
    ['The API returns a 503 error on every request', 'Technical'],
    ['Password reset email never arrives and 2FA is broken', 'Technical'],
    ["The dashboard doesn't work, it's frozen on loading", 'Technical'],
    ['Requests keep timing out: timed out after 30s, server is slow', 'Technical'],
    // Legal
    ['Our lawyer will contact you about the GDPR violation', 'Legal'],
    ['Please send your data protection agreement and terms of service', 'Legal'],
    ['We received a DMCA takedown notice about copyright infringement', 'Legal'],
    ['This is a cease and desist: you are using our trademark', 'Legal'],
    ['We will see you in court', 'Legal'],
    // General
    ['What are your opening hours?', 'General'],
    ['Thanks for the great support last week!', 'General'],
    ['How do I change the email address on my profile?', 'General'],
    ['', 'General'],
  ])('%j → %s', (text, expected) => {
    expect(categorize(text)).toBe(expected);
  });
});

describe('categorize: common support vocabulary', () => {
  it.each<[string, Category]>([
    ['Please stop charging my card', 'Billing'],
    ['Our renewal went through twice', 'Billing'],
    ['The VAT number is missing', 'Billing'],
    ['Why was sales tax added?', 'Billing'],
    ['Every request times out', 'Technical'],
    ['Requests keep timing out', 'Technical'],
    ['Our servers are not responding', 'Technical'],
    ['The page is unresponsive', 'Technical'],
    ['Service unavailable since noon', 'Technical'],
    ['The export no longer works', 'Technical'],
    ['Sync stopped working yesterday', 'Technical'],
    ['The widget does not work on mobile', 'Technical'],
    ['We keep hitting the rate limit', 'Technical'],
    ['Please send your DPA', 'Legal'],
    ['Can we sign a data processing agreement?', 'Legal'],
    ['Where is your list of sub-processors?', 'Legal'],
    ['How do you handle personal data?', 'Legal'],
    ['This is a request from law enforcement', 'Legal'],
  ])('%j → %s', (text, expected) => {
    expect(categorize(text)).toBe(expected);
  });

  it.each<[string, string]>([
    ['The private event was lovely', '"private" is not "vat"'],
    ['We love renewable energy', '"renewable" is not "renewal"'],
    ['Our team works remotely', '"works" alone is not a failure'],
    ['Your substation photos are nice', '"substation" is not "sub-processor"'],
  ])('%j stays General (%s)', (text) => {
    expect(categorize(text)).toBe('General');
  });
});

describe('categorize: case-insensitivity', () => {
  it.each<[string, Category]>([
    ['REFUND', 'Billing'],
    ['Refund', 'Billing'],
    ['rEfUnD', 'Billing'],
    ['ERROR', 'Technical'],
    ['Login Failed', 'Technical'],
    ['LAWSUIT', 'Legal'],
    ['Gdpr', 'Legal'],
  ])('%j → %s', (text, expected) => {
    expect(categorize(text)).toBe(expected);
  });
});

describe('categorize: whole words only', () => {
  it.each<[string, string]>([
    ['The charger arrived today', '"charger" is not "charge"'],
    ['The errorless installer finished', '"errorless" is not "error"'],
    ['I have an issue with my account name', '"issue" is not "sue"'],
    ['How do I download the report?', '"download" is not "down"'],
    ['We run a serverless setup', '"serverless" is not "server"'],
    ['The billboard near your office looks nice', '"billboard" is not "bill"'],
    ['Can I use PayPal?', '"PayPal" is not "pay"'],
    ['The staff were very courteous', '"courteous" is not "court"'],
    ['Your blog interface is pretty', '"blog in" is not "log in"'],
    ['Order 15003 arrived', '"15003" is not "500" or "503"'],
    ['Rapid delivery, thanks', '"Rapid" is not "api"'],
  ])('%j stays General (%s)', (text) => {
    expect(categorize(text)).toBe('General');
  });

  it('still matches the word itself when surrounded by punctuation', () => {
    expect(categorize('(charge)')).toBe('Billing');
    expect(categorize('error!')).toBe('Technical');
    expect(categorize('"sue"')).toBe('Legal');
  });
});

describe('categorize: tie-break', () => {
  it('the category with the most matching words wins, even over one listed earlier', () => {
    // Technical: error, crash, bug (3) vs Billing: refund (1)
    expect(categorize('Refund please: the error makes the app crash, a bug since Monday')).toBe('Technical');
    // Billing: invoice, payment, refund (3) vs Legal: lawyer (1)
    expect(categorize('My lawyer says the invoice, the payment and the refund are all wrong')).toBe('Billing');
  });

  it('repeated words count each time they occur', () => {
    expect(categorize('refund refund error error error')).toBe('Technical');
    expect(categorize('error refund refund')).toBe('Billing');
  });

  it.each<[string, Category]>([
    ['I will sue you over this refund', 'Legal'], // Legal 1 = Billing 1
    ['I need a refund because the app crashes', 'Billing'], // Billing 1 = Technical 1
    ['My attorney noticed the error', 'Legal'], // Legal 1 = Technical 1
    ['Lawyer, invoice, outage', 'Legal'], // 1 = 1 = 1
    ['lawsuit contract payment refund error bug', 'Legal'], // 2 = 2 = 2
    ['payment refund error bug lawsuit', 'Billing'], // Billing 2 = Technical 2 > Legal 1
  ])('equal counts → Legal before Billing before Technical: %j → %s', (text, expected) => {
    expect(categorize(text)).toBe(expected);
  });
});

describe('categorize: robustness', () => {
  it('gives the same answer on repeated calls (global regexes keep no state between calls)', () => {
    const text = 'refund error refund';
    const first = categorize(text);
    for (let i = 0; i < 5; i++) expect(categorize(text)).toBe(first);
    expect(first).toBe('Billing');
  });

  it('only ever returns a known category', () => {
    const samples = ['refund', 'error', 'lawsuit', 'hello', 'refund error lawsuit', '!!!'];
    for (const s of samples) expect(CATEGORIES).toContain(categorize(s));
  });

  it('lists the rules in the documented tie-break order, one per non-General category', () => {
    expect(CATEGORY_RULES.map((r) => r.category)).toEqual(['Legal', 'Billing', 'Technical']);
    for (const rule of CATEGORY_RULES) {
      expect(rule.pattern.flags).toContain('i');
      expect(rule.pattern.flags).toContain('g');
    }
  });
});
