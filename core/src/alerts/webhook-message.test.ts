import { describe, expect, it } from 'vitest';
import {
  ALERT_SUBJECT_MAX,
  ALERT_TICKET_ID_MAX,
  alertText,
  escapeDiscord,
  escapeSlack,
  isDiscordWebhookUrl,
  singleLine,
  webhookFormatFor,
  webhookPayload,
  type AlertedTicket,
} from './webhook-message.js';

const ZWSP = '\u200b';
const ticket: AlertedTicket = { ticket_id: 'T-42', subject: 'Everything is broken', category: 'Technical', urgency_score: 0.9712 };
const SLACK_URL = 'https://hooks.slack.com/services/T000/B000/XXXX';
const DISCORD_URL = 'https://discord.com/api/webhooks/1/abc';

describe('which format a URL gets', () => {
  it.each([
    ['https://discord.com/api/webhooks/1/abc', 'discord'],
    ['https://ptb.discord.com/api/webhooks/1/abc', 'discord'],
    ['https://canary.discord.com/api/webhooks/1/abc', 'discord'],
    ['https://discordapp.com/api/webhooks/1/abc', 'discord'],
    ['https://DISCORD.com/api/webhooks/1/abc', 'discord'],
    ['https://hooks.slack.com/services/T000/B000/XXXX', 'slack'],
    ['http://127.0.0.1:9/hook', 'slack'],
    ['https://discord.com.example.org/hook', 'slack'],
    ['https://notdiscord.com/hook', 'slack'],
    ['https://example.org/discord.com', 'slack'],
  ] as const)('auto: %s → %s', (url, format) => {
    expect(isDiscordWebhookUrl(url)).toBe(format === 'discord');
    expect(webhookFormatFor(url)).toBe(format);
    expect(webhookFormatFor(url, 'auto')).toBe(format);
  });

  it('an explicit setting wins over the host', () => {
    expect(webhookFormatFor('http://127.0.0.1:9/hook', 'discord')).toBe('discord');
    expect(webhookFormatFor(DISCORD_URL, 'slack')).toBe('slack');
  });
});

describe('singleLine', () => {
  it.each([
    ['plain', 'Cannot log in', 'Cannot log in'],
    ['newlines', 'line one\nline two\r\nline three', 'line one line two line three'],
    ['tabs and other controls', 'a\tb\u0000c\u0007d\u007fe\u0085f', 'a b c d e f'],
    ['Unicode line and paragraph separators', 'a\u2028b\u2029c', 'a b c'],
    ['bidi overrides', 'invoice\u202Efdp.exe', 'invoice fdp.exe'],
    ['bidi isolates and marks', 'a\u2066b\u2069c\u200ed\u200fe\u061cf', 'a b c d e f'],
    ['runs of spaces', 'a  \n\n  b', 'a b'],
    ['leading and trailing space', '\n  padded \t', 'padded'],
    ['empty', '', ''],
    ['only controls', '\n\r\t', ''],
  ])('%s', (_, input, expected) => {
    expect(singleLine(input, 200)).toBe(expected);
  });

  it('caps the length with an ellipsis, counting characters rather than UTF-16 units', () => {
    expect(singleLine('x'.repeat(10), 10)).toBe('x'.repeat(10));
    expect(singleLine('x'.repeat(11), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(Array.from(singleLine('😀'.repeat(20), 10))).toEqual([...Array(9).fill('😀'), '…']);
    expect(singleLine('word '.repeat(10), 10)).toBe('word word…');
  });
});

describe('escapeSlack', () => {
  it.each([
    ['channel broadcast', '<!channel>', '&lt;!channel&gt;'],
    ['here broadcast', '<!here|here>', '&lt;!here|here&gt;'],
    ['user mention', '<@U123>', `&lt;@${ZWSP}U123&gt;`],
    ['user group mention', '<!subteam^S123>', '&lt;!subteam^S123&gt;'],
    ['channel link', '<#C123>', '&lt;#C123&gt;'],
    ['disguised link', '<https://evil.example|bank.com>', '&lt;https://evil.example|bank.com&gt;'],
    ['an entity already escaped', '&lt;!channel&gt;', '&amp;lt;!channel&amp;gt;'],
    ['ampersand', 'Tom & Jerry', 'Tom &amp; Jerry'],
    ['plain-text broadcasts', '@channel @here @everyone @all', `@${ZWSP}channel @${ZWSP}here @${ZWSP}everyone @${ZWSP}all`],
    ['broadcasts in any case', '@Channel @HERE', `@${ZWSP}Channel @${ZWSP}HERE`],
    ['an email address', 'mail ann@example.org', 'mail ann@example.org'],
    ['markdown-looking text (Slack has no escape for it)', '*bold* _it_ ~s~ `code`', '*bold* _it_ ~s~ `code`'],
    ['plain', 'Cannot log in', 'Cannot log in'],
  ])('%s', (_, input, expected) => {
    expect(escapeSlack(input)).toBe(expected);
  });
});

describe('escapeDiscord', () => {
  it.each([
    ['everyone', '@everyone', `@${ZWSP}everyone`],
    ['here', '@here now', `@${ZWSP}here now`],
    ['glued to a word', 'hi@everyone', `hi@${ZWSP}everyone`],
    ['user mention', '<@123>', `\\<@${ZWSP}123\\>`],
    ['nickname mention', '<@!123>', `\\<@${ZWSP}!123\\>`],
    ['role mention', '<@&456>', `\\<@${ZWSP}&456\\>`],
    ['channel mention', '<#789>', '\\<#789\\>'],
    ['timestamp', '<t:1700000000:R>', '\\<t:1700000000:R\\>'],
    ['masked link', '[bank.com](https://evil.example)', '\\[bank.com\\]\\(https://evil.example\\)'],
    ['Slack-style link', '<https://evil.example|bank.com>', '\\<https://evil.example\\|bank.com\\>'],
    ['bold and italics', '**bold** *it* __under__ _it_', '\\*\\*bold\\*\\* \\*it\\* \\_\\_under\\_\\_ \\_it\\_'],
    ['strike', '~~gone~~', '\\~\\~gone\\~\\~'],
    ['code', '`x` ```block```', '\\`x\\` \\`\\`\\`block\\`\\`\\`'],
    ['spoiler', '||secret||', '\\|\\|secret\\|\\|'],
    ['quote', '> quoted', '\\> quoted'],
    ['heading', '# big', '\\# big'],
    ['subtext', '-# small', '\\-# small'],
    ['heading after spaces', '  # big', '  \\# big'],
    ['list item', '- item', '\\- item'],
    ['numbered list item', '1. first', '1\\. first'],
    ['# and - inside a line', 'T-42 #1 a - b', 'T-42 #1 a - b'],
    ['a number inside a line', 'v1.2', 'v1.2'],
    ['a backslash that would escape our escape', '\\*', '\\\\\\*'],
    ['an email address', 'ann@example.org', 'ann@example.org'],
    ['plain', 'Cannot log in', 'Cannot log in'],
  ])('%s', (_, input, expected) => {
    expect(escapeDiscord(input)).toBe(expected);
  });
});

describe('alertText', () => {
  const hostile: AlertedTicket = {
    ticket_id: '<!here> @everyone',
    subject: '<!channel> @everyone <https://evil.example|bank.com> [bank.com](https://evil.example)\n**urgent**',
    category: 'Billing',
    urgency_score: 0.931,
  };

  it('keeps the template and names the ticket, its category and urgency', () => {
    for (const format of ['slack', 'discord'] as const) {
      expect(alertText(ticket, format)).toBe(':rotating_light: Urgent ticket T-42 (Technical, urgency 0.97): Everything is broken');
    }
  });

  it('Slack: no `<` of the submitter survives, so no mention or link either', () => {
    const text = alertText(hostile, 'slack');
    expect(text).toBe(
      ':rotating_light: Urgent ticket &lt;!here&gt; @\u200beveryone (Billing, urgency 0.93): ' +
        '&lt;!channel&gt; @\u200beveryone &lt;https://evil.example|bank.com&gt; [bank.com](https://evil.example) **urgent**',
    );
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toContain('@everyone');
  });

  it('Discord: markup, mentions and masked links are escaped', () => {
    const text = alertText(hostile, 'discord');
    expect(text).toBe(
      ':rotating_light: Urgent ticket \\<!here\\> @\u200beveryone (Billing, urgency 0.93): ' +
        '\\<!channel\\> @\u200beveryone \\<https://evil.example\\|bank.com\\> \\[bank.com\\]\\(https://evil.example\\) \\*\\*urgent\\*\\*',
    );
    expect(text).not.toContain('@everyone');
    expect(text).not.toContain('](');
  });

  it('keeps a long subject and id to one bounded line, cut before escaping so no escape is split', () => {
    const long: AlertedTicket = { ...ticket, ticket_id: 'i'.repeat(500), subject: `${'<'.repeat(300)}\n${'y'.repeat(300)}` };
    const slack = alertText(long, 'slack');
    expect(slack).not.toContain('\n');
    expect(slack).toContain(`${'i'.repeat(ALERT_TICKET_ID_MAX - 1)}… `);
    expect(slack).not.toContain('i'.repeat(ALERT_TICKET_ID_MAX));
    expect(slack.endsWith(`${'&lt;'.repeat(ALERT_SUBJECT_MAX - 1)}…`)).toBe(true);
    const discord = alertText(long, 'discord');
    expect(discord.endsWith(`${'\\<'.repeat(ALERT_SUBJECT_MAX - 1)}…`)).toBe(true);
  });
});

describe('webhookPayload', () => {
  it.each([SLACK_URL, 'http://127.0.0.1:9/hook', 'https://discord.com.example.org/hook'])('gives %s only Slack-escaped text', (url) => {
    const payload = webhookPayload(url, { ...ticket, subject: '<!channel>' });
    expect(payload).toEqual({ text: ':rotating_light: Urgent ticket T-42 (Technical, urgency 0.97): &lt;!channel&gt;' });
  });

  it.each([DISCORD_URL, 'https://ptb.discord.com/api/webhooks/1/abc', 'https://discordapp.com/api/webhooks/1/abc'])(
    'gives Discord (%s) escaped content, the same text, and no mentions allowed',
    (url) => {
      const payload = webhookPayload(url, { ...ticket, subject: '@everyone [x](https://evil.example)' });
      const text = ':rotating_light: Urgent ticket T-42 (Technical, urgency 0.97): @\u200beveryone \\[x\\]\\(https://evil.example\\)';
      expect(payload).toEqual({ text, content: text, allowed_mentions: { parse: [] } });
    },
  );

  it('follows an explicit format whatever the host', () => {
    expect(webhookPayload('http://127.0.0.1:9/hook', ticket, 'discord')).toHaveProperty('allowed_mentions', { parse: [] });
    expect(Object.keys(webhookPayload(DISCORD_URL, ticket, 'slack'))).toEqual(['text']);
  });
});
