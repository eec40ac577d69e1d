import type { Category } from '../ticket/ticket.js';

/**
 * Rule-based ticket categories: which team should handle a ticket, judged by the
 * underlying problem (eval/README.md, "Labelling guide").
 *
 * Every rule has two columns of vocabulary:
 * - `pattern`, words that name the *topic* ("invoice", "error", "lawyer"): TOPIC_WEIGHT each;
 * - `problem`, phrases that name the *problem itself* ("charged twice", "stopped syncing",
 *   "can't log in", "not delivered"): PROBLEM_WEIGHT each.
 * A named problem therefore outweighs one incidental topic word of another team, as in
 * "I can't pay because the checkout page crashes" (Technical, not Billing).
 *
 * All patterns are case-insensitive and global, and match whole words only, so "charger"
 * is not "charge" and "errorless" is not "error". Every match counts, repeats included.
 *
 * Tie-break: the highest score wins; on equal scores the rule listed first wins (Legal,
 * Billing, Technical, then General), because a legal threat inside a billing complaint is
 * the more consequential routing. A ticket that matches nothing is General.
 *
 * Adding a word: it must be common support vocabulary (or an inflection of a word already
 * here), not a word that only one ticket uses. Measure with `npm run eval -- --split train`.
 */
export const TOPIC_WEIGHT = 1;
export const PROBLEM_WEIGHT = 2;

export interface CategoryRule<C extends Category = Category> {
  category: C;
  /** Topic words, TOPIC_WEIGHT per match. */
  pattern: RegExp;
  /** Problem phrases, PROBLEM_WEIGHT per match. */
  problem?: RegExp;
}

/**
 * A whole-word, case-insensitive, global pattern from alternatives. `\b` is not used
 * because it fails next to "$" or "€"; an apostrophe matches ' and ’ ("can'?t" also
 * covers "can’t" and "cant").
 */
const words = (...alternatives: string[]) =>
  new RegExp(`(?<!\\w)(?:${alternatives.join('|').replaceAll("'", "['’]")})(?!\\w)`, 'gi');

/** A negation before a verb: "doesn't load", "wont print", "no longer syncs", "stopped syncing". */
const NOT = `(?:${[
  "won'?t", "doesn'?t", 'does not', "don'?t", "didn'?t", "isn'?t", 'is not', "aren'?t", 'are not', "wasn'?t",
  "hasn'?t", "haven'?t", 'not', 'never', 'no longer', 'stopped',
].join('|')})`;
/** Being blocked from doing something: "can't log in", "unable to upload". */
const CANT = "(?:can'?t|cannot|can not|unable to|not able to)";
/**
 * What software does (stems), so that a negation in front names a failure. Not "respond" or
 * "sent": "you haven't responded" and "I haven't sent it" are about people.
 */
const SOFTWARE_DOING = [
  'updat', 'sync', 'load', 'sav', 'print', 'connect', 'open', 'start', 'boot', 'launch', 'install', 'upload',
  'download', 'export', 'import', 'sending', 'appear', 'show', 'display', 'fir(?:e|es|ed|ing)', 'record',
  'work(?:s|ed|ing)?', 'join', 'pair', 'translat', 'render', 'refresh', 'includ', 'recogni[sz]', 'detect',
].join('|');
/** What a user can be blocked from doing. "get" only as getting in: "can't get a refund" is Billing. */
const BLOCKED = [
  'log(?: ?in(?:to)?)?', 'sign(?:-? ?in)?', 'get (?:in|into|past|through|on|access)', 'access', 'open', 'load',
  'save', 'print', 'upload', 'download', 'export', 'import', 'sync', 'connect', 'install', 'scan', 'pay', 'submit',
  'send', 'see', 'change', 'create',
].join('|');
/** "payment page", "pay button": a money word naming a piece of software is not a money problem. */
const NOT_SOFTWARE =
  '(?! (?:page|form|button|screen|flow|api|webhooks?|requests?|files?|gateway|terminals?|system|creation))';

/** Legal, Billing and Technical, in tie-break order. */
export const CATEGORY_RULES: readonly CategoryRule<Exclude<Category, 'General'>>[] = [
  {
    // Lawyers and courts, regulators and the law, contracts, personal data and its protection.
    category: 'Legal',
    pattern: words(
      'lawsuits?', 'sue', 'sues', 'suing', 'sued', 'legal', 'legally', 'attorneys?', 'lawyers?', 'solicitors?',
      'litigation', 'court', 'tribunal', 'ombudsman', 'proceedings', 'injunctions?', 'contempt', 'pre-action',
      'cease and desist', 'subpoenas?', 'warrants?', 'summons', 'judge', 'police', 'law enforcement', 'coroner',
      'laws?', 'liabilit(?:y|ies)', 'illegal', 'unlawful', 'lawful', 'jurisdiction', 'copyright', 'trademark',
      'patents?', 'infring(?:e|es|ed|ing|ement)', 'defamat(?:ory|ion)', 'dmca', 'takedown', 'counterfeit',
      'intellectual property', 'licen[cs]e[sd]?', 'eula', 'indemnif(?:y|ies|ied|ication)', 'arbitration',
      'class action',
      // Regulation and regulators. "in terms of" and "payment terms" are not the legal terms.
      'gdpr', 'ccpa', 'coppa', 'hipaa', 'regulat(?:or|ors|ory|ion|ions)', 'statutory', 'authorit(?:y|ies)', 'ico',
      'fca', 'ftc', 'ofcom', 'ofac', 'sanctions', 'complian(?:ce|t)', 'comply', 'certification', 'soc ?2',
      'iso ?27001', 'wcag', 'vpat', 'accessibility statement', 'minimum age', 'age limit', 'age verification',
      'contracts?', 'agreements?', 'clauses?', 'termination', 'terms of service', '(?<!(?:in|payment) )terms', 'nda',
      'ndas', 'dpas?', 'baa', 'data processing agreements?', 'sub-?processors?', 'data controller', 'data processor',
      // Personal data. A leak or exposure alone is not listed: when a bug caused it, it is Technical.
      'privacy polic(?:y|ies)', 'privacy', 'consent', 'confidential(?:ity)?', 'data protection', 'dpia', 'dpo',
      'personal (?:data|information|details)', 'health (?:data|information|records)',
      'medical (?:records|notes|data)', 'data subjects?', 'subject access', 'dsars?', 'breach(?:es)?', 'erasure',
      'right to be forgotten', 'deletion', 'retention', 'records', 'disclos(?:e|ure)', 'whistleblow(?:er|ers|ing)?',
      'cookies?',
    ),
  },
  {
    // Money moving (payroll money too), or the documents and prices behind it.
    category: 'Billing',
    pattern: words(
      'invoices?', 'invoic(?:ed|ing)', 'refunds?', 'refunded', 'charged?', 'charges', 'charging', 'overcharged?',
      'chargebacks?', `payments?${NOT_SOFTWARE}`, 'paid', `pay${NOT_SOFTWARE}`, 'payouts?', 'subscriptions?',
      'billing', 'billed', 'bills?', 'receipts?', 'credit note', 'credits?', 'credit cards?', 'declined',
      'debit(?:s|ed)?', 'direct debits?', 'bank(?! holidays?)', 'money', 'funds', 'escrow', 'fees?', 'costs?',
      'prices?', 'pricing', 'quote', 'discount', 'coupon', 'gift cards?', 'loyalty points', 'vat', 'sales tax',
      'plan upgrade', 'cancel my plan', 'downgrad(?:e|ed|ing)', 'renewals?', 'renew(?:s|ed|ing)?',
      'auto-?renew(?:s|ed|al|ing)?', 'owed', 'prepaid', 'purchased?', 'reimburse(?:d|ment)?', 'compensation',
      'goodwill', 'free month',
      // Amounts: "$9", "€ 40", "3.000 €", "2 cents".
      '[$€£] ?\\d[\\d,.]*', '\\d[\\d,.]* ?(?:€|eur|usd|gbp|cents?)',
    ),
    problem: words(
      '(?:charged|billed|debited|taken|collected|paid) (?:\\w+ ){0,3}(?:twice|two times|double)',
      'double[- ]charged?', 'duplicate charges?',
    ),
  },
  {
    // The product, software or hardware misbehaving, and the technology it is built from.
    category: 'Technical',
    pattern: words(
      // Symptoms.
      'errors?', 'errored', 'crash(?:es|ed|ing)?', 'bugs?', 'buggy', 'glitch(?:es|y)?', 'outages?', 'down',
      '(?<![$€£])(?:50[0-4]|404)', 'timeouts?', 'tim(?:e|es|ed|ing) out', 'broken', 'bricked', 'not responding',
      'unresponsive', 'unavailable', 'unreachable', 'inaccessible', 'unusable', 'malfunction(?:s|ed|ing)?',
      'downtime', 'degraded', 'data loss', 'memory leak', 'out of memory', 'reboot(?:s|ed|ing)?',
      'disconnect(?:s|ed|ing)?', 'access denied', 'permission denied', 'forbidden', 'fails?', 'failed', 'failing',
      'failures?', 'exceptions?', 'slow(?:s|ed|er|ly|ness)?', 'sluggish', 'latency', 'lag(?:s|gy|ging)?', 'loading',
      'freez(?:e|es|ing)', 'froze', 'frozen', 'hang(?:s|ing)', 'hung', 'stuck', 'spinner', 'spins', 'spinning',
      'blank', 'empty', 'flicker(?:s|ed|ing)?', 'offline', 'corrupt(?:ed|ion)?', 'reverted', 'reset(?:s|ting)?',
      'invalid', 'duplicat(?:e|es|ed|ing)', 'loops?', 'looping', 'redirect(?:s|ed|ing)?',
      'not (?:recogni[sz]ed|detected)', 'randomly', 'intermittent(?:ly)?', 'sometimes', 'keeps [a-z]+ing',
      'status page',
      // Signing in. "app" alone is not here: it names where a problem is, not what it is.
      'log ?in', 'logins?', 'sign ?in', 'logged out', 'password reset', 'passwords?', '2fa', 'two-factor', 'mfa',
      'codes?', 'tokens?', 'sso', 'saml', 'oauth',
      // Integrations, infrastructure and data.
      'api', 'sdk', 'webhooks?', 'endpoints?', 'integrations?', 'sync(?:s|ed|ing)?',
      'synchroni[sz](?:e|es|ed|ing|ation)', 'upload(?:s|ed|ing)?', 'import(?:s|ed|ing)?', 'csv', 'pdfs?', 'servers?',
      'database', '(?:my|ms|postgre)?sql', 'postgres', 'mongodb', 'redis', 'queue', 'cache', 'cdn', 'dns', 'domain',
      'urls?', 'ssl', 'tls', 'certificate errors?', 'certificates? expired', 'expired certificates?', 'vpn',
      'internet', 'network', 'connect(?:s|ed|ing|ion|ions)?', 'backups?', 'migration', 'deploy(?:s|ed|ment)?',
      'updates?', 'updated', 'versions?', 'install(?:s|ed|ing|ation)?', 'staging', 'sandbox', 'production',
      'environment', 'test mode', 'console', 'software', 'plugins?', 'javascript', 'cpu', 'cluster', 'docker',
      'kubernetes', 'rate[- ]limit(?:s|ed|ing)?', 's?ftp', 'scheduler', 're-?run',
      // Security of the product itself. Someone else misbehaving on the platform is General.
      'vulnerabilit(?:y|ies)', 'vulnerable', 'exploit(?:s|ed|able)?', 'xss', 'csrf', 'idor',
      // The interface.
      'screens?', 'dashboards?', 'widgets?', 'display', 'icons?', 'search', 'editor', 'charts?', 'tooltips?',
      'toolbar', 'date picker', 'dropdown', 'menu', 'alerts?', 'alarms?', 'ui', 'css', 'html', 'json',
      // Devices and platforms.
      'devices?', 'firmware', 'bluetooth', 'wi-?fi', 'gps', 'battery', 'printers?', 'monitors?', 'browsers?',
      'chrome', 'firefox', 'safari', 'android', 'ios', 'mac', 'macos', 'linux', 'headsets?', 'microphones?',
      'audio', 'crackl(?:e|es|ing)',
    ),
    problem: words(
      // "doesn't load", "not syncing", "stopped updating", "never fired", "isn't recognised".
      `${NOT} (?:\\w+ )?(?:${SOFTWARE_DOING})[a-z]*`,
      // "can't log in", "unable to upload", "customers can't pay" (the paying is what is blocked).
      `${CANT} (?:\\w+ )?(?:${BLOCKED})`,
      // "since the last update", "after your release": an update that broke something.
      '(?:after|since) (?:\\w+ ){0,3}(?:update|upgrade|release|patch|deploy(?:ment)?|migration|import)',
      // "something went wrong", "the button does nothing", "throws an error", "stuck at 99%".
      'something went wrong', '(?:does|did|do) nothing', 'throw(?:s|ing)? (?:an? )?(?:error|exception)s?',
      '(?:stuck|hangs?|hanging|hung|sitting|spinning|frozen) (?:at|on) ["“]?(?:\\d+ ?%|[a-z]+ing)',
      // Data shown or sent to the wrong people by the product: a bug, even when the data is personal.
      '(?:sent|emailed|delivered|went|shown|showing|visible) (?:\\w+ ){0,3}to (?:the )?wrong (?:recipients?|customers?|people|person|users?|accounts?)',
      'calls? (?:keep )?(?:drops?|dropping|dropped)',
    ),
  },
];

/**
 * General stays the default, but it has evidence too: shipping, account administration,
 * trust and safety, how-to questions and feedback. It lets a clearly General ticket outweigh
 * one incidental technical or money word ("the printers were not delivered"). It is scored
 * like the rules above and comes last in the tie-break, so it only wins with more evidence.
 */
export const GENERAL_RULE: CategoryRule<'General'> = {
  category: 'General',
  pattern: words(
    // Shipping and orders.
    'deliver(?:y|ies|ed)', 'shipped', 'shipping', 'shipment', 'courier', 'parcel', 'tracking', 'ordered', 'customs',
    'exchange (?:it|them|for)', 'replacement',
    // Account administration.
    'owner(?:ship)?', 'username', 'invit(?:e|es|ed|ing|ation)', 'unsubscribe', 'account manager',
    // Trust and safety (the phrases that name it are problems, below).
    'stolen', 'abuse', 'bullying', 'hate speech', 'inappropriate', 'lookalike',
    // Product feedback: how it looks, and what it could do. A broken element is Technical.
    'fonts?', 'colou?rs?', 'dark mode', 'cosmetic', 'roadmap',
    // How-to questions, feedback, and everything around the product rather than in it.
    'how (?:do|can) (?:i|we)', 'how (?:i|we) can', 'how to', 'where (?:do|can) (?:i|we)', 'suggestion',
    'feedback', 'would love', 'love', 'thanks?', 'thank you', 'compliment', 'kudos', 'great',
    'lovely', 'brilliant', 'fantastic', 'amazing', 'logo', 'survey', 'demo', 'training', 'onboarding', 'hiring',
    'interview', 'partnership', 'affiliate', 'referral', 'reseller',
  ),
  problem: words(
    `${NOT} (?:\\w+ )?(?:deliver|ship|dispatch)(?:ed)?`, 'supposed to (?:arrive|be delivered|ship)',
    'wrong (?:\\w+ )?(?:item|size|colou?r|model|address|product)',
    // Trust and safety: someone else misbehaving on the platform, not the product.
    'scam(?:s|mers?)?', 'fake', 'phishing', 'impersonat(?:e|es|ed|ing|ion)', 'pretending to be',
    'threat(?:s|ening)?', 'harass(?:ed|ing|ment)?', 'stalk(?:ing|er)?',
    '(?:block|ban|suspend) (?:this|that|the|his|her|their) (?:account|user|seller)s?', 'ban (?:him|her|them)',
    // A redesign someone dislikes, and wishes for the product.
    'new (?:font|logo|colou?r|icon|design|look|layout|theme)s?', 'hard to read', 'ugl(?:y|ier|iest)', 'hideous',
    'feature (?:request|idea|wish|suggestion)s?', 'small wish', 'any plans',
    'would be (?:\\w+ )?(?:nice|great|handy|cool|useful|helpful|amazing|cleaner)', '(?:can|could) you (?:please )?add',
  ),
};

const RULES: readonly CategoryRule[] = [...CATEGORY_RULES, GENERAL_RULE];

const count = (pattern: RegExp | undefined, text: string) => (pattern ? (text.match(pattern)?.length ?? 0) : 0);

/** Each category's score: TOPIC_WEIGHT per topic match plus PROBLEM_WEIGHT per problem match. */
export function categoryScores(text: string): Record<Category, number> {
  const scores: Record<Category, number> = { Legal: 0, Billing: 0, Technical: 0, General: 0 };
  for (const rule of RULES) {
    scores[rule.category] += TOPIC_WEIGHT * count(rule.pattern, text) + PROBLEM_WEIGHT * count(rule.problem, text);
  }
  return scores;
}

/** Classifies a ticket's text: the highest score, the earlier rule on a tie, `General` when nothing matches. */
export function categorize(text: string): Category {
  const scores = categoryScores(text);
  let best: Category = 'General';
  let bestScore = 0;
  for (const { category } of RULES) {
    if (scores[category] > bestScore) {
      best = category;
      bestScore = scores[category];
    }
  }
  return best;
}
