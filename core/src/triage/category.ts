import type { Category } from '../ticket/ticket.js';

/**
 * Category rules, most specific first. Each pattern is case-insensitive and matches
 * whole words only, so "charger" is not "charge" and "errorless" is not "error".
 *
 * Tie-break: the category with the most matching words wins; on equal counts the one
 * listed first wins (Legal before Billing before Technical), because a legal threat
 * inside a billing complaint is the more consequential routing.
 */
export const CATEGORY_RULES: readonly { category: Exclude<Category, 'General'>; pattern: RegExp }[] = [
  {
    category: 'Legal',
    pattern:
      /\b(lawsuits?|sue|sues|suing|sued|legally|attorneys?|lawyers?|legal|gdpr|ccpa|subpoenas?|contracts?|dmca|copyright|trademark|litigation|court|liabilit(?:y|ies)|compliance|privacy polic(?:y|ies)|data protection|personal data|dpas?|data processing agreements?|sub-?processors?|police|law enforcement|terms of service|cease and desist)\b/gi,
  },
  {
    category: 'Billing',
    pattern:
      /\b(invoices?|refunds?|refunded|charged?|charges|charging|payments?|paid|pay|subscriptions?|billing|billed|bills?|credit cards?|prices?|pricing|receipts?|overcharged?|chargebacks?|plan upgrade|cancel my plan|renewals?|vat|sales tax|discount|coupon)\b/gi,
  },
  {
    category: 'Technical',
    pattern:
      /\b(errors?|crash(?:es|ed|ing)?|log ?in|logins?|sign ?in|bugs?|outages?|down|(?<![$€£])(?:50[0-4]|404)|timeouts?|tim(?:es|ed|ing) out|broken|(?:not|doesn['’]?t|does not|no longer|stopped) work(?:s|ing)?|not responding|unresponsive|unavailable|fails?|failed|failing|exceptions?|api|servers?|rate[- ]limit(?:s|ed|ing)?|password reset|2fa|slow|loading|freez(?:e|es|ing)|frozen|glitch(?:es)?)\b/gi,
  },
];

/** Classifies a ticket's text; `General` when no rule matches. */
export function categorize(text: string): Category {
  let best: Category = 'General';
  let bestCount = 0;
  for (const rule of CATEGORY_RULES) {
    const count = text.match(rule.pattern)?.length ?? 0;
    if (count > bestCount) {
      best = rule.category;
      bestCount = count;
    }
  }
  return best;
}
