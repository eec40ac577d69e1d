import type { ProcessedTicket } from '../domain/ticket.js';

/**
 * The urgent-ticket alert as a webhook body. Everything in it but the template comes
 * from whoever submitted the ticket, and chat services render their markup and mentions
 * in it: unescaped, a subject can ping a whole channel (`<!channel>`, `@everyone`) or
 * show a link to one site that leads to another (`<https://evil.example|bank.com>`,
 * `[bank.com](https://evil.example)`).
 */

/** Why a webhook goes out: a ticket above the threshold, or one still waiting after ESCALATE_AFTER_SECONDS. */
export type AlertKind = 'urgent' | 'escalation';

/**
 * How the body is written: Slack's `{text, blocks}` (and Slack-compatible services),
 * Discord's `{content, embeds}`, or a generic JSON event for anything else.
 */
export type WebhookFormat = 'slack' | 'discord' | 'generic';
/** `auto` picks by the URL's host: Slack's, Discord's, anything else generic. */
export type WebhookFormatSetting = WebhookFormat | 'auto';
export const WEBHOOK_FORMATS = ['auto', 'slack', 'discord', 'generic'] as const satisfies readonly WebhookFormatSetting[];

/** What the alert says about a ticket. */
export type AlertedTicket = Pick<ProcessedTicket, 'ticket_id' | 'subject' | 'category' | 'urgency_score'>;

/** What a delivery carries about its ticket: a snapshot taken when it was enqueued (never the body). */
export type AlertTicket = Pick<
  ProcessedTicket,
  'ticket_id' | 'job_id' | 'subject' | 'category' | 'urgency_score' | 'priority_score' | 'created_at' | 'processed_at'
>;

/** The snapshot of a processed ticket an alert carries. */
export const alertTicket = (ticket: AlertTicket): AlertTicket => ({
  ticket_id: ticket.ticket_id,
  job_id: ticket.job_id,
  subject: ticket.subject,
  category: ticket.category,
  urgency_score: ticket.urgency_score,
  priority_score: ticket.priority_score,
  created_at: ticket.created_at,
  processed_at: ticket.processed_at,
});

/** One alert to deliver. */
export interface WebhookAlert {
  kind: AlertKind;
  /** Stable across the tries of one delivery (sent as `X-IQ-Delivery`), so a receiver can drop a repeat. */
  delivery_id: string;
  ticket: AlertTicket;
  /** An escalation's time in the queue, in seconds. */
  waited_seconds?: number;
}

/** A Slack Block Kit text object. */
interface SlackText {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface SlackPayload {
  /** The notification text, and what Slack shows where it cannot show blocks. */
  text: string;
  blocks: ({ type: 'header'; text: SlackText } | { type: 'section'; text?: SlackText; fields?: SlackText[] })[];
}

export interface DiscordEmbed {
  title: string;
  description?: string;
  color: number;
  fields: { name: string; value: string; inline: boolean }[];
  timestamp: string;
}

export interface DiscordPayload {
  /** Discord reads `content`; `text` keeps the `{text}` every receiver used to get. */
  text: string;
  content: string;
  embeds: [DiscordEmbed];
  /** Nobody is pinged, whatever the text says (escaping below is the first line). */
  allowed_mentions: { parse: [] };
}

/** The event name of the generic payload. */
export type GenericAlertEvent = 'ticket.urgent' | 'ticket.escalated';

/**
 * Anything else gets the alert as data: `ticket` holds the values as submitted (a receiver
 * that renders them escapes them itself); `text` is the Slack line, escaped as for Slack,
 * so a receiver that showed `{text}` before keeps working.
 */
export interface GenericPayload {
  event: GenericAlertEvent;
  delivery_id: string;
  text: string;
  ticket: AlertTicket;
  /** Escalations only. */
  waited_seconds?: number;
}

export type WebhookPayload = SlackPayload | DiscordPayload | GenericPayload;

/** Longest subject shown, in characters: one alert must not become a wall of text. */
export const ALERT_SUBJECT_MAX = 200;
/** Longest ticket id shown: the default TICKET_ID_MAX_LENGTH, so default ids are whole. */
export const ALERT_TICKET_ID_MAX = 128;

const hostIn = (url: string, domains: readonly string[]) => {
  const host = new URL(url).hostname.toLowerCase();
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
};

export const isDiscordWebhookUrl = (url: string): boolean => hostIn(url, ['discord.com', 'discordapp.com']);
export const isSlackWebhookUrl = (url: string): boolean => hostIn(url, ['slack.com', 'slack-gov.com']);

export function webhookFormatFor(url: string, setting: WebhookFormatSetting = 'auto'): WebhookFormat {
  if (setting !== 'auto') return setting;
  return isDiscordWebhookUrl(url) ? 'discord' : isSlackWebhookUrl(url) ? 'slack' : 'generic';
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

/** A wait as people say it: `45 s`, `15 min`, `2 h 5 min`. */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}

/** Which escaping a format's text gets: Discord's markdown, or Slack's (also the generic `text`). */
const escaperFor = (format: WebhookFormat) => (format === 'discord' ? escapeDiscord : escapeSlack);

/** The parts of the alert a ticket submitter chose, escaped and kept to one line each. */
function shownParts(ticket: AlertedTicket, format: WebhookFormat) {
  const escape = escaperFor(format);
  return {
    id: escape(singleLine(ticket.ticket_id, ALERT_TICKET_ID_MAX)),
    subject: escape(singleLine(ticket.subject, ALERT_SUBJECT_MAX)),
    // One of a fixed set today; escaped anyway, since it is shown next to user text.
    category: escape(singleLine(ticket.category, 40)),
    urgency: ticket.urgency_score.toFixed(2),
  };
}

/**
 * The alert in `format` as one line, every part a ticket submitter chose escaped. An
 * escalation (with `waitedSeconds`) says how long the ticket has waited.
 */
export function alertText(ticket: AlertedTicket, format: WebhookFormat, waitedSeconds?: number): string {
  const { id, subject, category, urgency } = shownParts(ticket, format);
  const about = `(${category}, urgency ${urgency}): ${subject}`;
  return waitedSeconds === undefined
    ? `:rotating_light: Urgent ticket ${id} ${about}`
    : `:alarm_clock: Urgent ticket ${id} still waiting after ${formatWait(waitedSeconds)} ${about}`;
}

const isEscalation = (alert: WebhookAlert) => alert.kind === 'escalation';
const waitOf = (alert: WebhookAlert) => (isEscalation(alert) ? (alert.waited_seconds ?? 0) : undefined);

function slackPayload(alert: WebhookAlert): SlackPayload {
  const { ticket } = alert;
  const parts = shownParts(ticket, 'slack');
  const wait = waitOf(alert);
  const field = (label: string, value: string): SlackText => ({ type: 'mrkdwn', text: `*${label}*\n${value}` });
  return {
    text: alertText(ticket, 'slack', wait),
    blocks: [
      {
        type: 'header',
        text: {
          type: 'plain_text',
          text: wait === undefined ? ':rotating_light: Urgent ticket' : `:alarm_clock: Urgent ticket still waiting after ${formatWait(wait)}`,
          emoji: true,
        },
      },
      {
        type: 'section',
        fields: [
          field('Ticket', parts.id),
          field('Category', parts.category),
          field('Urgency', `${parts.urgency} (priority ${ticket.priority_score})`),
          ...(wait === undefined ? [] : [field('Waiting', formatWait(wait))]),
        ],
      },
      // A section's text may not be empty; a subject may.
      { type: 'section', text: { type: 'mrkdwn', text: `*Subject*\n${parts.subject || '_(none)_'}` } },
    ],
  };
}

function discordPayload(alert: WebhookAlert): DiscordPayload {
  const { ticket } = alert;
  const parts = shownParts(ticket, 'discord');
  const wait = waitOf(alert);
  const text = alertText(ticket, 'discord', wait);
  const field = (name: string, value: string) => ({ name, value, inline: true });
  return {
    text,
    content: text,
    embeds: [
      {
        title: wait === undefined ? 'Urgent ticket' : `Urgent ticket still waiting after ${formatWait(wait)}`,
        // Discord refuses an empty description; a subject may be empty.
        ...(parts.subject ? { description: parts.subject } : {}),
        color: wait === undefined ? 0xe01e5a : 0xf2a900,
        fields: [
          field('Ticket', parts.id),
          field('Category', parts.category),
          field('Urgency', `${parts.urgency} (priority ${ticket.priority_score})`),
          ...(wait === undefined ? [] : [field('Waiting', formatWait(wait))]),
        ],
        timestamp: ticket.processed_at,
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

function genericPayload(alert: WebhookAlert): GenericPayload {
  const wait = waitOf(alert);
  return {
    event: isEscalation(alert) ? 'ticket.escalated' : 'ticket.urgent',
    delivery_id: alert.delivery_id,
    text: alertText(alert.ticket, 'slack', wait),
    // Only these fields, whatever the caller's object holds (a ProcessedTicket has the body).
    ticket: alertTicket(alert.ticket),
    ...(wait === undefined ? {} : { waited_seconds: wait }),
  };
}

/** The body to POST to `url` for an alert, in the format the URL (or the setting) calls for. */
export function webhookPayload(url: string, alert: WebhookAlert, setting: WebhookFormatSetting = 'auto'): WebhookPayload {
  switch (webhookFormatFor(url, setting)) {
    case 'slack':
      return slackPayload(alert);
    case 'discord':
      return discordPayload(alert);
    case 'generic':
      return genericPayload(alert);
  }
}
