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
      'hundreds of', 'thousands of', 'multiple (?:customers|users|clients|stores|sites|accounts)', 'all (?:our|the) (?:payments|transactions|orders|shipments)',
      'our (?:business|operations|store|shop|clinic|warehouse|restaurant|hospital)',
    ],
  },
  {
    id: 'severity',
    description: 'severity: outage, data loss, breach, fraud, lockout',
    negatable: true,
    phrases: [
      'outage', 'down(?:time)?', 'went down', 'offline', 'crash(?:ed|es|ing)?', 'data loss', 'lost (?:all |our |the )?(?:data|files|records|orders)',
      '(?:were|was|got|been) (?:deleted|wiped|erased)', 'wiped', 'corrupt(?:ed|ion)?', 'breach(?:ed)?', 'hack(?:ed|er|ers)?', 'compromised',
      'leak(?:ed|ing)?', 'exposed', 'ransomware', 'phishing', 'malware', 'fraud(?:ulent)?', 'scam(?:med)?', 'stolen', 'locked out', 'lockout',
      'unauthori[sz]ed', 'security (?:incident|issue|hole|vulnerability|breach)', 'vulnerability', 'critical', 'emergency', 'severe',
      '(?:error )?50[0234]', 'internal server error', 'completely (?:broken|down|unusable|gone)', 'not loading at all', 'disaster',
      'safety', 'injur(?:y|ed|ies)', 'caught fire', 'on fire', 'smoke', 'dangerous', 'overheat(?:s|ed|ing)?',
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
    id: 'time',
    description: 'time pressure: ASAP, today, a deadline',
    negatable: true,
    phrases: [
      'asap', 'urgent(?:ly)?', 'immediately', 'right now', 'right away', 'today', 'tonight', 'this (?:morning|afternoon|evening)',
      `by (?:${WEEKDAY}|tomorrow|tonight|noon|eod|end of (?:the )?day|close of business|cob)`, `before (?:${WEEKDAY}|tomorrow|tonight|the weekend|noon)`,
      'deadline', 'within (?:the|an|the next|\\d+) (?:hour|hours|minutes|mins)', 'in (?:\\d+|two|three|a few) hours', 'tomorrow', 'time[- ]sensitive',
      'as soon as possible', 'going live', 'go[- ]live', 'launch(?:ing)?', '\\d+[- ]hours?', 'every (?:minute|hour) (?:counts|matters)',
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
      '\\$\\s?\\d{1,3}(?:,\\d{3})+', '\\$\\s?\\d{4,}', '\\d{1,3}(?:,\\d{3})+ ?(?:€|eur|usd|dollars|euros)', 'still charg(?:ed|ing)', 'after (?:i |we )?cancel(?:l?ed)?',
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
      'data subject (?:access )?request', 'class action', 'penalt(?:y|ies)', 'fined',
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
      'newsletter', 'dark mode', 'wish(?:list)?', 'idea',
    ],
  },
  {
    id: 'resolved',
    description: 'dampener: already fixed, a test environment, a false alarm',
    negatable: false,
    phrases: [
      'resolved', 'fixed (?:now|itself|it)', 'working (?:again|fine now|now)', 'back (?:up|online|to normal|now)', 'false alarm', 'never ?mind', 'sorted (?:it|now)',
      'no longer (?:an issue|a problem|needed|happening)', 'please (?:ignore|disregard|close)', 'sandbox', 'staging', 'test (?:environment|account|server|mode|instance)',
      'dev(?:elopment)? (?:environment|server|instance)',
    ],
  },
];
