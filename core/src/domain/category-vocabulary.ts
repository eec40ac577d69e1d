import type { Category } from './ticket.js';

/**
 * The vocabulary of the rule-based categories (category.ts scores it): per team, topic words
 * (`pattern`), phrases naming the problem itself (`problem`) and mentions counted once (`once`).
 * How a word earns its place is in eval/README.md, "Findings (categories)".
 */

export interface CategoryRule<C extends Category = Category> {
  category: C;
  /** Topic words, TOPIC_WEIGHT per match (repeats of one word count less). */
  pattern: RegExp;
  /** Problem phrases, PROBLEM_WEIGHT per match. */
  problem?: RegExp;
  /** Mentions that only say the topic is present: TOPIC_WEIGHT once, however many match. */
  once?: RegExp;
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
  // A value or setting that does not hold: "isn't remembered", "won't stay on", "doesn't match".
  'stor', 'remembered', 'stick', 'stay', 'match', 'turn',
].join('|');
/** What a user can be blocked from doing. "get" only as getting in: "can't get a refund" is Billing. */
const BLOCKED = [
  'log(?: ?in(?:to)?)?', 'sign(?:-? ?in)?', 'get (?:in|into|past|through|on|access)', 'access', 'open', 'load',
  'save', 'print', 'upload', 'download', 'export', 'import', 'sync', 'connect', 'install', 'scan', 'pay', 'submit',
  'send', 'see', 'change', 'create', 'click', 'tap',
].join('|');
/**
 * "down" as an outage ("the site is down", "portal down since 9"), not "take it down", "shut it
 * down", "the truck broke down" or "upside down".
 */
const DOWN =
  '(?<!(?:take|took|taking|taken|shut|shutting|broke|break|upside|turn|turned|come|calm|put|write|scroll|sit|step)(?: \\w+){0,4} )down(?! (?:there|to|here))';
/** "charging" money, not a battery charging. */
const BILLING_CHARGING =
  '(?<!(?:while|when|battery|phone|fast|wireless) )charging(?! (?:cable|port|dock|station|pad|case))';
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
      'cease and desist', 'formal (?:notice|complaint)s?', 'subpoenas?', 'warrants?', 'summons', 'judge', 'police', 'law enforcement', 'coroner',
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
      'right to be forgotten', 'deletion', 'retention', '(?<!(?:app|it|system|device|which|that) )records', 'disclos(?:e|ure)', 'whistleblow(?:er|ers|ing)?',
      'cookies?', 'data residency', 'preserv(?:e|ed|ation)', 'legal hold', 'brand guidelines', 'council',
      'signed (?:letter|release|confirmation|statement)', 'how long (?:\\w+ ){0,3}(?:keep|kept|store|stored|hold|retain)',
      // Plain-word legal matters: whether something is allowed, permission, authorities and evidence.
      '(?:is|are) (?:that|this|it|we|i) (?:\\w+ )?allowed', 'allowed to', 'permission', 'breaking (?:any |the )?(?:rules|law)',
      'tax office', 'inspector', 'inspection', 'insurer', 'production order', 'third[- ]part(?:y|ies)',
      'open[- ]source', 'gpl(?:v\\d)?', 'licensing', 'export control', 'a right to',
      '(?:my|her|his|our|their|your) (?:personal )?data', 'portability',
      // Using someone's brand: "can we show your logo", "use your name in our deck".
      '(?:use|using|show|put|feature) (?:\\w+ ){0,2}your (?:logo|name|brand|trade ?mark)',
    ),
    problem: words(
      // A request about a person's data: "everything we hold about her", "wants to be forgotten".
      '(?:data|information|details|everything) (?:that )?(?:we|you) (?:hold|have|keep|store) (?:about|on)', 'be forgotten',
      // A question about what is done with data: "what do you keep about my son", "do you sell my
      // information", "where is our data stored", "which companies did you share her details with".
      '(?:what|anything|everything) (?:\\w+ ){0,3}(?:keep|know|hold|store|have) about', '(?:sell|share|shared|pass) (?:\\w+ ){0,2}(?:information|data|details)',
      '(?:where|which country) (?:is|are) (?:\\w+ ){0,3}(?:data|files|information|records|details) (?:physically )?(?:stored|kept|hosted|held)',
      'how long (?:until|before) (?:\\w+ ){0,4}(?:deleted|erased|removed|gone)', '(?:data|files) (?:stays?|stored|hosted|kept) in',
      '(?:do|must) (?:we|i) (?:have to|need to) (?:tell|inform|notify|ask|get)', 'written (?:permission|consent)',
      // A letter or notice from an authority or a lawyer.
      '(?:letter|notice|email) from (?:the |a |an |our |their )?(?:\\w+ )?(?:council|regulator|authority|court|lawyers?|solicitors?|attorneys?|police|commissioner|ombudsman)',
    ),
  },
  {
    // Money moving (payroll money too), or the documents and prices behind it.
    category: 'Billing',
    pattern: words(
      'invoices?', 'invoic(?:ed|ing)', 'refunds?', 'refunded', 'charged?', 'charges', BILLING_CHARGING, 'overcharged?',
      'chargebacks?', `payments?${NOT_SOFTWARE}`, 'paid', `pay${NOT_SOFTWARE}`, 'payouts?', 'subscriptions?',
      'billing', 'billed', 'bills?', 'receipts?', 'credit note', 'credits?', 'credit cards?', 'declined',
      'debit(?:s|ed)?', 'direct debits?', 'bank(?! holidays?)', 'money', 'funds', 'escrow', 'fees?', 'costs?',
      'prices?', 'pricing', 'quoted?', 'per (?:month|year|user|seat)', 'discount', 'coupon', 'gift cards?', 'loyalty points', 'vat', 'sales tax',
      'plan upgrade', 'cancel my plan', 'downgrad(?:e|ed|ing)', 'renewals?', 'renew(?:s|ed|ing)?',
      'auto-?renew(?:s|ed|al|ing)?', 'owed', 'prepaid', 'purchased?', 'reimburse(?:d|ment)?', 'compensation',
      'goodwill', 'free month', 'pays', 'paying(?! customers?)', 'cheques?', 'euros?', 'dollars?', 'pence', 'overdue', 'arrears',
      'debt(?:s|ors?)?', 'debt collect(?:ion|ors?)', '(?:to|from|in) collections', 'net \\d{2}',
      'commissions?', 'monthly',
    ),
    // Amounts: "$9", "€ 40", "3.000 €", "2 cents". Counted once: a price list or a receipt quoted in
    // a bug report says money is involved, not that money is the problem.
    // Bounded, and started only at the first digit of a number: an unbounded `[\d,.]*` from
    // every comma of a long "1,1,1,…" would cost quadratic time on a 20,000-character body.
    once: words('[$€£] ?\\d[\\d,.]{0,30}', '(?<![\\d,.])\\d[\\d,.]{0,30} ?(?:€|eur|usd|gbp|cents?)'),
    problem: words(
      '(?:charged|billed|debited|taken|took|collected|paid) (?:\\w+ ){0,3}(?:twice|two times|double)',
      'double[- ]charged?', 'duplicate charges?',
      // The ask is the money: "I want my money back", "reverse the charge", "get the rest back".
      'money back', '(?:get|give|pay|send|refund) (?:me |us )?(?:the rest|the difference|my money|our money|the [$€£]?\\d[\\d,.]{0,30}) back',
      '(?:reverse|cancel|void) (?:the|this|that|these|those|both|all|my|our) (?:\\w+ )?(?:charges?|payments?|debits?|transactions?)',
      // A price that went up: "why did my monthly go from 12 to 15", "a price increase".
      // A payment that failed: "the account was frozen because a payment failed".
      '(?:payments?|cards?|direct debits?) (?:was |has |had |have )?(?:failed|bounced)',
      'price (?:increase|rise|hike)s?', '(?:went|gone|go|goes|jumped|increased|rose|risen) (?:up )?from [$€£]?\\d+ to',
    ),
  },
  {
    // The product, software or hardware misbehaving, and the technology it is built from.
    category: 'Technical',
    pattern: words(
      // Symptoms.
      'errors?', 'errored', 'crash(?:es|ed|ing)?', 'bugs?', 'buggy', 'glitch(?:es|y)?', 'outages?', DOWN,
      '(?<![$€£])(?:50[0-4]|40[134]|429)', 'timeouts?', 'tim(?:e|es|ed|ing) out', 'broken', 'bricked', 'not responding',
      'unresponsive', 'unavailable', 'unreachable', 'inaccessible', 'unusable', 'malfunction(?:s|ed|ing)?',
      'downtime', 'degraded', 'data loss', 'memory leak', 'out of memory', 'reboot(?:s|ed|ing)?',
      'disconnect(?:s|ed|ing)?', 'access denied', 'permission denied', 'forbidden', 'fails?', 'failed', 'failing',
      'failures?', 'exceptions?', 'slow(?:s|ed|er|ly|ness)?', 'sluggish', 'latency', 'lag(?:s|gy|ging)?', 'loading',
      'freez(?:e|es|ing)', 'froze', 'frozen', 'hang(?:s|ing)', 'hung', 'stuck', 'spinner', 'spins', 'spinning',
      'blank', 'empty', 'flicker(?:s|ed|ing)?', 'offline', 'corrupt(?:ed|ion)?', 'reverted', 'reset(?:s|ting)?',
      'invalid', 'duplicat(?:e|es|ed|ing)', 'loops?', 'looping', 'redirect(?:s|ed|ing)?',
      'not (?:recogni[sz]ed|detected)', 'randomly', 'intermittent(?:ly)?', 'sometimes', 'keeps [a-z]+ing',
      'status page', 'locked out', 'undefined', 'null', 'nan', '\\{\\{ ?\\w+ ?\\}\\}', 'placeholders?',
      'restart(?:s|ed|ing)?', 'reinstall(?:s|ed|ing)?',
      // Everyday symptoms with no technical word: data gone, a value that comes back wrong, a
      // setting that is ignored, something that happens "every time".
      '(?:is|are|was|were|all|now|just) gone', 'disappear(?:s|ed|ing)?', 'vanish(?:es|ed|ing)?', 'wiped',
      'restor(?:e|ed|ing)', 'every time', 'even though', 'still (?:says|say|shows|show|showing|draws)',
      'shows? up as', 'rounding', 'rounds? (?:\\w+ ){0,3}(?:down|up|once|to)', 'random', 'mirrored', 'backwards',
      'wrong (?:date|time|day|value|number|total|order|language|link|side|course|version|format)',
      '(?:setting|option|preference)s? (?:says|is set|is off|is on)', 'took too long', 'takes (?:too long|forever)',
      // Times gone wrong: "an hour early since the clocks went back".
      'wrong time ?zones?', 'an hour (?:early|earlier|late|later|out|off|behind|ahead)',
      // An ongoing failure dated to the minute: "since 13:20", "since about 9.30".
      'since (?:about |around )?\\d{1,2}[:.]\\d{2}',
      // Asking for the software to be fixed or explained.
      '(?:please|pls|plz|can you|could you) (?:\\w+ )?fix', '(?:find out|understand|look into|investigate|check) why',
      // Signing in. "app" alone is not here: it names where a problem is, not what it is.
      'log ?in', 'logins?', 'sign ?in', 'logged out', 'password reset', 'passwords?', '2fa', 'two-factor', 'mfa',
      '(?<!(?:discount|promo|voucher|coupon|gift|referral|commodity|postal|zip|tax) )codes?', 'tokens?', 'sso', 'saml', 'oauth',
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
      'devices?', 'firmware', 'cameras?', 'scanners?', 'sensors?', 'thermostats?', 'headers?', 'bluetooth', 'wi-?fi', 'gps', 'battery', 'printers?', 'monitors?', 'browsers?',
      'chrome', 'firefox', 'safari', 'android', 'ios', 'mac', 'macos', 'linux', 'headsets?', 'microphones?',
      'audio', 'crackl(?:e|es|ing)',
    ),
    problem: words(
      // "doesn't load", "not syncing", "stopped updating", "never fired", "isn't recognised".
      `${NOT} (?:\\w+ )?(?:${SOFTWARE_DOING})[a-z]*`,
      // "can't log in", "unable to upload", "customers can't pay" (the paying is what is blocked).
      `${CANT} (?:\\w+ )?(?:${BLOCKED})`,
      // "since the last update", "after your release": an update that broke something.
      '(?:after|since) (?:\\w+ ){0,3}(?:updat(?:e|ed|ing)|upgrad(?:e|ed|ing)|release|patch|deploy(?:ment)?|migration|import(?:ed)?|upload(?:ed)?)',
      // "something went wrong", "the button does nothing", "throws an error", "stuck at 99%".
      'something went wrong', '(?:does|did|do) nothing', 'throw(?:s|ing)? (?:an? )?(?:error|exception)s?',
      '(?:stuck|hangs?|hanging|hung|sitting|spinning|frozen) (?:at|on) ["“]?(?:\\d+ ?%|[a-z]+ing)',
      // Data shown or sent to the wrong people by the product: a bug, even when the data is personal.
      '(?:sent|emailed|delivered|went|shown|showing|visible) (?:\\w+ ){0,3}to (?:the )?wrong (?:recipients?|customers?|people|person|users?|accounts?)',
      '(?:visible|shown|showing|see|seeing|view|download|access) (?:\\w+ ){0,5}(?:other|another|different) (?:customers?|compan(?:y|ies)|users?|tenants?|accounts?|parents|children|patients)',
      // The software doing something twice: "your scheduler sent the invoices twice" (charged twice is Billing).
      '(?:sent|emailed|ran|run|posted|published|imported|synced|created|counted|applied|added|subtract(?:s|ed)?|generated|listed|shown) (?:\\w+ ){0,6}(?:twice|three times)',
      'tripled',
      'calls? (?:keep )?(?:drops?|dropping|dropped)',
      // A screen that stays empty or busy: "shows a grey box", "greys out", "just spins".
      'gr[ae]y(?:s|ed)? out', '(?:gr[ae]y|white|black|blank) (?:box|screen|page|square)',
      '(?:just|only|keeps?) (?:spins|spinning|loads|loading)', 'stopped (?:receiving|getting|accepting|sending)',
      "shouldn'?t (?:happen|be possible)", 'should not (?:happen|be possible)',
      // The app closing by itself, a layout cutting something off.
      '(?:app|screen|window|page|tab|it) (?:just )?(?:closes|quits|shuts down)', 'cuts? off (?:the|a|part)',
      // The ask is to fix or explain the software: "could you fix the mapping", "tell me why it picked …".
      '(?:please|pls|plz|can you|could you) (?:\\w+ )?fix (?:the|this|it|that)', '(?:tell me|explain) why',
      'stop the (?:scheduler|job|run|batch|sync)',
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
    'exchange (?:it|them|for)', 'replacement', 'rebook',
    // Account administration.
    'owner(?:ship)?', 'username', 'invit(?:e|es|ed|ing|ation)', 'unsubscribe', 'account manager', 'roles?',
    'read-only', 'rename', 'account name', 'give (?:\\w+ ){0,2}access',
    'transfer (?:\\w+ ){0,2}(?:account|ownership)', 'left the (?:company|business|club|team|organi[sz]ation)',
    // Trust and safety (the phrases that name it are problems, below).
    'stolen', 'abuse', 'bullying', 'hate speech', 'inappropriate', 'lookalike', 'suspicious', 'reported', '(?:take|took|taking|taken) (?:\\w+ ){0,4}down',
    '(?:remove|delete) (?:it|this|that|them|the (?:listing|post|profile|ad|photos?|images?|video))',
    // Product feedback: how it looks, and what it could do. A broken element is Technical.
    'fonts?', 'colou?rs?', 'dark mode', 'cosmetic', 'roadmap',
    // How-to questions, feedback, and everything around the product rather than in it.
    'how (?:do|can) (?:i|we)', 'how (?:i|we) can', 'how to', 'where (?:do|can) (?:i|we)',
    'is there (?:a|an|any) (?:way|option|setting|shortcut|role)', 'do you (?:have|offer|sell)', 'manuals?',
    'user guides?', 'tutorials?', 'documentation', 'docs', 'hold music', 'is (?:it|that|this) possible',
    "can'?t find (?:the|a|where|how)", 'before (?:we|i) buy', '(?:does|will) (?:it|your \\w+) (?:work|run) (?:on|with)',
    'case study',
    'feedback', 'love', 'thanks?', 'thank you', 'compliment', 'kudos', 'great',
    'lovely', 'brilliant', 'fantastic', 'amazing', 'logo', 'survey', 'demo', 'training', 'onboarding', 'hiring',
    'interview', 'partnership', 'affiliate', 'referral', 'reseller',
  ),
  problem: words(
    `${NOT} (?:\\w+ )?(?:deliver|ship|dispatch)(?:ed)?`, 'supposed to (?:arrive|be delivered|ship)',
    'wrong (?:\\w+ )?(?:item|size|colou?r|model|address|product)',
    // Trust and safety: someone else misbehaving on the platform, not the product.
    'scam(?:s|mers?)?', 'fake', 'phishing', 'impersonat(?:e|es|ed|ing|ion)', 'pretending to be',
    'threat(?:s|ening)?', 'harass(?:ed|ing|ment)?', 'stalk(?:ing|er)?',
    '(?:block|ban|suspend) (?:this|that|the|his|her|their) (?:account|user|seller)s?',
    '(?:is|was) (?:this|that|it) (?:\\w+ )?(?:really |actually )?from you', '(?:really|actually) from you',
    '(?:is|was) (?:this|that|it) (?:\\w+ )?(?:legit|legitimate|genuine|real)',
    // Someone else using a person's identity, or their account.
    '(?:using|uses|used) (?:my|our|his|her|their) (?:\\w+ )?(?:name|photos?|pictures?|identity|logo)',
    "(?:\\w+'s )?name and (?:photo|picture|logo)s?",
    '(?:account|profile) (?:has been |had been |was |got |is )?(?:stolen|hacked|hijacked|taken over)',
    'hack(?:ed|ers?)', 'attackers?', 'someone (?:else )?(?:got|has got|gained|broke) (?:into|in|access)',
    '(?:freeze|lock) (?:it|the account|my account|his account|her account|our account)',
    '(?:my|her|his) ex', 'stop (?:him|her|them)', 'intimate (?:images|photos|pictures|videos)',
    // Safety: a device that is dangerous, not one that misbehaves.
    'swollen', 'swelling', 'bulging', 'smok(?:e|ed|ing)', 'melted', 'scorched', 'caught fire',
    'safety (?:issue|concern|hazard|risk)s?', 'hazard', '(?:a|any) recall',
    'arrived (?:\\w+ ){0,2}(?:damaged|crushed|broken|dented|smashed)', 'damaged in transit',
    // A redesign someone dislikes, and wishes for the product.
    'new (?:font|logo|colou?r|icon|design|look|layout|theme)s?', 'hard to read', 'ugl(?:y|ier|iest)', 'hideous',
    'feature (?:request|idea|wish|suggestion)s?', 'small wish', 'any plans',
    // The ask is a wish, however technical the feature: "would love webhooks per field", "not a bug, a wish".
    'would love(?! (?:a|the|some|an) (?:fix|reply|update|response|answer))', 'not a bug', '(?:a|my|one|small|big|power-user) wish', 'wish(?:list)?(?=:)', 'any chance (?:of|you)', '(?:on|in) (?:the|your) roadmap',
    'do you (?:plan|intend|want) to (?:support|add|offer)', 'would (?:make|save|simplify) (?:\\w+ ){0,3}(?:a lot|so much|hours|easier|quicker|faster)',
    'would be a (?:big|huge|real) (?:help|win|plus)', 'please add', 'suggestion',
    // Feedback that says outright nothing is broken.
    "nothing(?:'s| is| was) broken", "(?:it'?s|it is) not (?:a bug|broken)",
    // Account administration: who owns or uses the account.
    '(?:take|taking) over the account', '(?:transfer|transferred|move) (?:\\w+ ){0,6}to (?:her|him|them|me|us|my|a new)',
    '(?:close|closing) (?:my|our|the) (?:\\w+ )?(?:account|workspace)', 'chang(?:e|ing) (?:my|the|our) (?:\\w+ )?(?:email|name|address)',
    'who should (?:i|we) (?:talk|speak) to', '(?:block|ban) (?:him|her|them)',
    // Safety: a device that gets dangerously hot.
    'overheat(?:s|ed|ing)?', 'so hot', 'melting', '(?:smells?|smelled|smelt) (?:of )?(?:burning|melting|plastic)',
    'would be (?:\\w+ )?(?:nice|great|handy|cool|useful|helpful|amazing|cleaner)', '(?:can|could) you (?:please )?add',
  ),
};

