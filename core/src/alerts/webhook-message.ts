import type { ProcessedTicket } from '../domain/ticket.js';

/**
 * The urgent-ticket alert as a webhook body. Everything in it but the template comes
 * from whoever submitted the ticket, and chat services render their markup and mentions
 * in it: unescaped, a subject can ping a whole channel (`<!channel>`, `@everyone`) or
 * show a link to one site that leads to another (`<https://evil.example|bank.com>`,
 * `[bank.com](https://evil.example)`).
 */

/** How the body is written: Slack's `{text}` (and Slack-compatible services), or Discord's. */
export type WebhookFormat = 'slack' | 'discord';
/** `auto` picks Discord for Discord's hosts and Slack for any other URL. */
export type WebhookFormatSetting = WebhookFormat | 'auto';
export const WEBHOOK_FORMATS = ['auto', 'slack', 'discord'] as const satisfies readonly WebhookFormatSetting[];

export interface SlackPayload {
  text: string;
}

export interface DiscordPayload {
  /** Discord reads `content`; `text` keeps the `{text}` shape every receiver gets. */
  text: string;
  content: string;
  /** Nobody is pinged, whatever the text says (escaping below is the first line). */
  allowed_mentions: { parse: [] };
}

export type WebhookPayload = SlackPayload | DiscordPayload;

/** What the alert says about a ticket. */
export type AlertedTicket = Pick<ProcessedTicket, 'ticket_id' | 'subject' | 'category' | 'urgency_score'>;

/** Longest subject shown, in characters: one alert must not become a wall of text. */
export const ALERT_SUBJECT_MAX = 200;
/** Longest ticket id shown: the default TICKET_ID_MAX_LENGTH, so default ids are whole. */
export const ALERT_TICKET_ID_MAX = 128;

export function isDiscordWebhookUrl(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return ['discord.com', 'discordapp.com'].some((domain) => host === domain || host.endsWith(`.${domain}`));
}

export function webhookFormatFor(url: string, setting: WebhookFormatSetting = 'auto'): WebhookFormat {
  if (setting !== 'auto') return setting;
  return isDiscordWebhookUrl(url) ? 'discord' : 'slack';
}

/**
 * Line breaks, other control characters, Unicode line/paragraph separators and bidi
 * controls (which can make text read differently from what it is) become spaces.
 */
const BREAKING = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;

/** One line of at most `max` characters (code points, so no emoji is cut in half). */
export function singleLine(text: string, max: number): string {
  const chars = Array.from(text.replace(BREAKING, ' ').replace(/ {2,}/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

const ZERO_WIDTH_SPACE = '\u200b';
/**
 * An `@` that starts a broadcast (Discord's @everyone / @here, Slack-compatible services'
 * @channel / @all, which some of them notify on even as plain text) or a `<@…>` mention.
 * Case-insensitive and without word boundaries: an invisible space too many is harmless.
 */
const MENTION_AT = /(?<=<)@|@(?=everyone|here|channel|all)/giu;

/** Breaks mentions with a zero-width space after the `@`: it still reads the same. */
export const breakMentions = (text: string): string => text.replace(MENTION_AT, `@${ZERO_WIDTH_SPACE}`);

/**
 * Slack's escaping of text (`&`, `<`, `>`), which turns `<!channel>`, `<@U123>` and
 * `<url|label>` into plain text. Slack has no escape for its `*_~` formatting; that is
 * cosmetic only.
 */
export const escapeSlack = (text: string): string =>
  breakMentions(text).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));

/**
 * Discord markdown (bold, italics, strike, code, spoilers, quotes, masked links) and
 * `<…>` syntax (mentions, channels, timestamps, embed-free links) escaped with a
 * backslash, which Discord accepts before any punctuation; mentions broken as well.
 * Headings (`#`, `-#`) and list items (`-`, `1.`) only count at the start of a line, so
 * `T-42` stays as it is.
 */
export const escapeDiscord = (text: string): string =>
  breakMentions(text)
    .replace(/[\\*_~`|<>[\]()]/g, '\\$&')
    .replace(/^(\s*)([#-])/, '$1\\$2')
    .replace(/^(\s*\d+)\./, '$1\\.');

/** The alert in `format`, every part a ticket submitter chose escaped and kept to one line. */
export function alertText(ticket: AlertedTicket, format: WebhookFormat): string {
  const escape = format === 'discord' ? escapeDiscord : escapeSlack;
  const id = escape(singleLine(ticket.ticket_id, ALERT_TICKET_ID_MAX));
  const subject = escape(singleLine(ticket.subject, ALERT_SUBJECT_MAX));
  // One of a fixed set today; escaped anyway, since it is shown next to user text.
  const category = escape(singleLine(ticket.category, 40));
  return `:rotating_light: Urgent ticket ${id} (${category}, urgency ${ticket.urgency_score.toFixed(2)}): ${subject}`;
}

/** The body to POST to `url` for an urgent ticket. */
export function webhookPayload(url: string, ticket: AlertedTicket, setting: WebhookFormatSetting = 'auto'): WebhookPayload {
  const format = webhookFormatFor(url, setting);
  const text = alertText(ticket, format);
  return format === 'discord' ? { text, content: text, allowed_mentions: { parse: [] } } : { text };
}
