/**
 * The cue families the urgency model weighs. Each is a list of phrases (regular
 * expression sources, matched case-insensitively on word boundaries); the model's
 * weights are fitted, never set here. Written from the training split and general
 * knowledge of support queues, never from the held-out split.
 *
 * `negatable`: a phrase preceded closely by a negation ("not", "no", "never", "n't",
 * "without") does not fire — "the site is not down", "no data was lost". Phrases that
 * carry their own negation ("not working", "unable to") are written out whole.
 */
export interface CueFamily {
  id: string;
  /** What the family means, for the README and explanations. */
  description: string;
  negatable: boolean;
  phrases: string[];
}

const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri)';

export const CUE_FAMILIES: CueFamily[] = [
  {
    id: 'impact',
    description: 'impact and scope: production, everyone, customers who cannot act',
    negatable: true,
    phrases: [
      'production', 'prod', 'live (?:site|system|environment|store|shop)',
      'all (?:of )?(?:our |the )?(?:users|customers|clients|staff|employees|agents|stores|branches|sites|locations|accounts|orders|teams|drivers|patients)',
      'every(?:one|body)', 'every (?:user|customer|store|order|account|employee|single)',
      'entire (?:team|company|office|org|organi[sz]ation|department|site|store|platform|warehouse)',
      'whole (?:team|company|office|org|organi[sz]ation|department|site|store|platform|warehouse|system)',
      'company[- ]wide', 'site[- ]wide', 'nobody (?:can|is able)', 'no one (?:can|is able)', 'none of (?:our|the|us)',
      'customers? (?:can(?:no|\'|’)?t|cannot|are unable|is unable|are not able)',
      '(?:patients|nurses|doctors|students|teachers|drivers|cashiers|staff|employees|users|agents) (?:can(?:no|\'|’)?t|cannot|are unable)',
      'hundreds of', 'thousands of', '(?:every|each|all) (?:ticket|order|payment|card|transaction|booking|passenger|shipment|delivery|call)s?', 'multiple (?:customers|users|clients|stores|sites|accounts)', 'all (?:our|the) (?:payments|transactions|orders|shipments)',
      'our (?:business|operations|store|shop|clinic|warehouse|restaurant|hospital)',
    ],
  },
  {
    id: 'severity',
    description: 'severity: outage, data loss, breach, fraud, lockout',
    negatable: true,
    phrases: [
      'outage', '(?<!upside )down(?:time)?', 'went down', 'offline', 'crash(?:ed|es|ing)?', 'data loss', 'lost (?:all |our |the )?(?:data|files|records|orders|work)',
      'deleted', 'wiped', 'erased', 'bricked', 'corrupt(?:ed|ion)?', 'disappeared', 'vanished', 'gone (?:from|missing)', 'not backed up',
      'blank (?:page|screen|pdfs?|labels?)', 'prints? blank', 'wrong (?:dose|dosage|amounts?|prices?|totals?)', 'bouncing', 'suddenly',
      'locked out', 'lockout', 'critical', 'emergency', 'severe',
      '(?:error )?50[0234]', 'internal server error', 'completely (?:broken|down|unusable|gone)', 'not loading at all', 'disaster',
      'swollen', 'swelling', 'bulging', 'melt(?:ed|ing)', 'sparks?', 'safety', 'injur(?:y|ed|ies)', 'caught fire', 'on fire', 'smoke', 'dangerous', 'overheat(?:s|ed|ing)?', '(?:very|really|too) hot', 'burn(?:ing|t)?',
    ],
  },
  {
    id: 'security',
    description: 'security: intrusion, fraud, threats, impersonation',
    negatable: true,
    phrases: [
      'breach(?:ed)?', 'hack(?:ed|er|ers)?', 'compromised', 'ransomware', 'phishing', 'malware', 'fraud(?:ulent)?', 'scam(?:med|mers?)?', 'stolen',
      'unauthori[sz]ed', 'security (?:incident|issue|hole|vulnerability|breach)', 'vulnerability', 'unknown (?:logins?|devices?|apps?|oauth|sessions?|users?)',
      'suspicious (?:logins?|activity|transactions?|emails?)', 'threat(?:s|ening|ened)?', 'impersonat(?:ing|ion|es)', 'pretending to be',
      'fake (?:shop|site|store|account|support|invoices?|emails?)', 'taken over', 'takeover', 'controlled remotely', 'remote(?:ly)? control(?:led)?',
      'someone (?:used|logged|accessed|changed)', 'not me', 'wasn(?:\'|’)?t me', 'someone (?:is |was |got )?in(?:to)? my account', '(?:reading|reads|read) my (?:messages|emails|mail|texts)',
      'messaging my (?:clients|customers|contacts|friends)', 'xss', 'sql injection', 'counterfeit', 'fake',
      '\\d+[- ]year[- ]olds?', 'minors?', 'stalk(?:ing|er)', 'harass(?:ing|ment)', 'abuse', 'child(?:ren)?',
    ],
  },
  {
    id: 'exposure',
    description: "exposure: other people's data shown, sent or published",
    negatable: true,
    phrases: [
      'personal (?:data|details|information|info)', '(?:medical|health|patient) (?:notes|records|data|results|information)',
      'other (?:customers|users|patients|parents|companies|clients|people|tenants|employees|members)(?:\'s?)?(?: (?:data|details|invoices|records|results|names|addresses|information))?',
      '(?:another|someone else)(?:\'s)? (?:customer|company|user|patient|account|employer|person|member|client)s?', '(?:someone else|other people)(?:\'s)? (?:data|orders|files|messages)',
      'wrong (?:employer|customer|patient|person|recipient|company|member|child|student|client)',
      'visible to', 'anyone can (?:see|access|download|view|read)', 'public(?:ly)? (?:visible|accessible|available|github|repo(?:sitory)?|link)', 'exposed',
      'leak(?:ed|ing|s)?', 'idor', '(?:api |secret |private )?keys? (?:pushed|published|leaked|exposed)', 'secret', 'home address(?:es)?', 'social security',
      'passports?', 'ids? (?:exposed|visible|leaked)', 'data of', 'see (?:other|another|someone)',
    ],
  },
  {
    id: 'blocking',
    description: 'blocking: cannot, unable, stopped working',
    negatable: false,
    phrases: [
      'can(?:no|\'|’)?t', 'can not', 'unable to', 'not able to', 'blocked', 'blocking', 'stopped (?:working|syncing|loading|sending|printing|responding)',
      'not working', '(?:does|do|did)(?:n\'t|n’t| not) work', 'won(?:\'|’)?t (?:start|load|open|boot|connect|sync|print|let)', 'fail(?:s|ed|ing)? to',
      'failing', 'fails', 'stuck', 'no access', 'halted', 'frozen', 'freez(?:es|ing)', 'prevent(?:s|ing)? (?:us|me|our)', 'keeps? (?:crashing|failing)',
      'not (?:loading|syncing|updating|responding|sending|receiving|connecting|recognised|recognized)', 'broken',
    ],
  },
  {
    id: 'deadline',
    description: 'time pressure: ASAP, a deadline, within the hour',
    negatable: true,
    phrases: [
      'asap', 'urgent(?:ly)?', 'immediately', 'right away', 'as soon as possible', 'time[- ]sensitive', 'deadline', 'due (?:today|tomorrow|tonight|by)',
      `by (?:${WEEKDAY}|tomorrow|tonight|noon|eod|end of (?:the )?day|close of business|cob)`, `before (?:${WEEKDAY}|tomorrow|tonight|the weekend|noon)`,
      'within (?:the|an|the next|\\d+) (?:hour|hours|minutes|mins)', 'every (?:minute|hour) (?:counts|matters)', 'going live', 'go[- ]live',
      'ending tonight', 'expires? (?:today|tonight|tomorrow)', '\\d+ days? (?:left|to respond|to reply|deadline)',
    ],
  },
  {
    id: 'when',
    description: 'a time named: today, this morning, since 9am, for hours',
    negatable: true,
    phrases: [
      'today', 'tonight', 'this (?:morning|afternoon|evening)', 'right now', 'tomorrow', 'since (?:\\d+(?:[:.]\\d+)?\\s?(?:am|pm)?|this|yesterday|last night|the update|lunch)',
      'for (?:\\d+|two|three|several|a few) hours', 'in (?:\\d+|two|three|a few) hours', 'launch(?:ing)?',
    ],
  },
  {
    id: 'money',
    description: 'money at risk: double charges, payroll, payments failing',
    negatable: true,
    phrases: [
      'charged (?:us |me )?(?:twice|three times|double|again)', 'double[- ]charged', 'duplicate (?:charge|payment|transaction)s?', 'overcharged',
      'overdrawn', 'overdraft', 'payroll', 'salar(?:y|ies)', 'wages', 'paycheck', 'chargeback', 'unauthori[sz]ed (?:charge|transaction|payment)s?',
      '(?:can(?:no|\'|’)?t|cannot|unable to) (?:pay|take payments|process payments|accept payments|take cards|invoice|get paid)',
      'payments? (?:fail|failing|failed|declined|bouncing)', 'card payments', 'losing (?:money|sales|revenue|business|customers)', 'revenue',
      '\\$\\s?\\d{1,3}(?:,\\d{3}){1,6}', '\\$\\s?\\d{4,12}', '(?<![\\d,.])\\d{1,3}(?:,\\d{3}){1,6}', '[€£]\\s?\\d{3,}', 'still charg(?:ed|ing)', 'after (?:i |we )?cancel(?:l?ed|ling)?',
      'charg(?:ed|ing) (?:again|monthly|every|donors|customers|us|me|twice)',
      '(?:taken|debited|billed|charged|paid) (?:\\w+ )?(?:twice|two times|three times|\\d+ times)', 'stop charging', 'money (?:taken|missing|gone)', 'used my card', 'refunded to (?:the )?wrong',
      'card (?:was )?declined', 'invoices? (?:emailed|sent) (?:twice|to all)',
    ],
  },
  {
    id: 'legal',
    description: 'legal exposure: lawsuit, subpoena, regulator, statutory deadline',
    negatable: true,
    phrases: [
      'lawsuit', 'sue', 'suing', 'subpoena', 'court', 'regulator(?:y|s)?', 'gdpr', 'statutory', 'legal action', 'attorney', 'lawyer', 'solicitor',
      'cease and desist', 'data protection', 'ico', 'breach notification', '72 hours', 'litigation', 'injunction', 'police', 'law enforcement',
      'ombudsman', 'compliance', 'hipaa', 'ccpa', 'legal hold', 'preserve (?:records|data|logs)', 'erasure', 'right to be forgotten', 'dsar',
      'data subject (?:access )?request', 'class action', 'penalt(?:y|ies)', 'fined', 'tribunal', 'pre-action', 'dmca', 'takedown', 'coroner',
      'disclosure order', 'court order', 'summons', 'patent', 'trademark', 'copyright', 'journalist', 'press', 'election', 'legal notice', 'warrant',
    ],
  },
  {
    id: 'repeated',
    description: 'repeated contact: third time, still no answer',
    negatable: false,
    phrases: [
      '(?:second|third|fourth|fifth|\\d+(?:st|nd|rd|th)) (?:time|email|request|ticket|attempt)', 'still (?:no|not|waiting|haven(?:\'|’)?t|hasn(?:\'|’)?t|broken|down|happening)',
      'no (?:answer|response|reply) (?:yet|from|since|for)', 'nobody (?:has )?(?:answered|responded|replied|got back)', 'no one (?:has )?(?:answered|responded|replied|got back)',
      'already (?:contacted|reported|emailed|called|wrote|written|asked|opened)', 'follow(?:ing)?[- ]up', 'again and again', 'keeps? happening', 'for (?:days|weeks)',
    ],
  },
  {
    id: 'no_rush',
    description: 'dampener: explicitly not urgent',
    negatable: false,
    phrases: [
      'no rush', 'no hurry', 'not urgent', 'non[- ]urgent', 'not (?:a )?(?:priority|big deal|critical|blocking|an emergency)', 'low priority', 'no big deal',
      'whenever (?:you can|convenient|you get a chance|you have time)', 'when(?:ever)? you (?:get a chance|have (?:a )?(?:moment|minute|time))', 'at your convenience',
      'no pressure', 'take your time', 'isn(?:\'|’)?t (?:urgent|critical|blocking)', 'is not (?:urgent|critical|blocking)', 'nothing urgent', 'not time[- ]sensitive',
    ],
  },
  {
    id: 'low_stakes',
    description: 'dampener: a question, a wish, something cosmetic',
    negatable: false,
    phrases: [
      'suggestion', 'feature request', 'would be (?:nice|great|cool|helpful)', 'just curious', 'just wondering', 'quick question', 'thanks in advance',
      'how (?:do|can|should) (?:i|we)', 'is (?:it|there) (?:possible|a way)', 'wondering (?:if|whether)', 'minor', 'cosmetic', 'typo', 'small thing',
      'fyi', 'font', 'colou?r', 'logo', 'hold music', 'feedback', 'love (?:the|your)', 'great (?:job|work|product)', 'thank you (?:so much|for)',
      'newsletter', 'dark mode', 'wish(?:list)?', 'idea', 'feature', 'icons?', 'design', 'ugly', 'horrible', 'hate',
    ],
  },
  {
    id: 'resolved',
    description: 'dampener: already fixed, a test environment, a false alarm',
    negatable: false,
    phrases: [
      'resolved', 'fixed (?:now|itself|it)', 'working (?:again|fine now|now)', 'back (?:up|online|to normal|now)', 'false alarm', 'never ?mind', 'sorted (?:it|now)',
      'no longer (?:an issue|a problem|needed|happening)', 'please (?:ignore|disregard|close)', 'sandbox', 'staging', 'test (?:environment|account|server|mode|instance|workspace|project|store|site)', 'all good(?: now)?',
      'dev(?:elopment)? (?:environment|server|instance)',
    ],
  },
];
