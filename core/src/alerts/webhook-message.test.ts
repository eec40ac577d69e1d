import { describe, expect, it } from 'vitest';
import {
  ALERT_SUBJECT_MAX,
  ALERT_TICKET_ID_MAX,
  alertText,
  escapeDiscord,
  escapeSlack,
  formatWait,
  isDiscordWebhookUrl,
  isSlackWebhookUrl,
  singleLine,
  webhookFormatFor,
  webhookPayload,
  type AlertTicket,
  type AlertedTicket,
  type DiscordPayload,
  type GenericPayload,
  type SlackPayload,
  type WebhookAlert,
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
    ['https://HOOKS.SLACK.COM/services/T000/B000/XXXX', 'slack'],
    ['https://hooks.slack-gov.com/services/T000/B000/XXXX', 'slack'],
    ['http://127.0.0.1:9/hook', 'generic'],
    ['https://discord.com.example.org/hook', 'generic'],
    ['https://notdiscord.com/hook', 'generic'],
    ['https://example.org/discord.com', 'generic'],
    ['https://hooks.slack.com.example.org/services/x', 'generic'],
    ['https://notslack.com/hook', 'generic'],
  ] as const)('auto: %s → %s', (url, format) => {
    expect(isDiscordWebhookUrl(url)).toBe(format === 'discord');
    expect(isSlackWebhookUrl(url)).toBe(format === 'slack');
    expect(webhookFormatFor(url)).toBe(format);
    expect(webhookFormatFor(url, 'auto')).toBe(format);
  });

  it('an explicit setting wins over the host', () => {
    expect(webhookFormatFor('http://127.0.0.1:9/hook', 'discord')).toBe('discord');
    expect(webhookFormatFor('http://127.0.0.1:9/hook', 'slack')).toBe('slack');
    expect(webhookFormatFor(DISCORD_URL, 'slack')).toBe('slack');
    expect(webhookFormatFor(SLACK_URL, 'generic')).toBe('generic');
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

describe('escalation text', () => {
  it('says how long the ticket has waited, with the same escaping', () => {
    expect(alertText(ticket, 'slack', 900)).toBe(':alarm_clock: Urgent ticket T-42 still waiting after 15 min (Technical, urgency 0.97): Everything is broken');
    expect(alertText({ ...ticket, subject: '<!channel>' }, 'slack', 60)).toContain('&lt;!channel&gt;');
    expect(alertText({ ...ticket, subject: '[x](https://evil.example)' }, 'discord', 60)).toContain('\\[x\\]\\(https://evil.example\\)');
  });

  it.each([
    [0, '0 s'],
    [59.4, '59 s'],
    [60, '1 min'],
    [899, '14 min'],
    [3600, '1 h'],
    [7500, '2 h 5 min'],
  ])('formatWait(%s) = %s', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });
});

describe('webhookPayload', () => {
  const full: AlertTicket = {
    ...ticket,
    job_id: 'T-42~7',
    priority_score: 10,
    created_at: '2024-01-01T00:00:00.000Z',
    processed_at: '2024-01-01T00:00:01.000Z',
  };
  const urgent = (t: Partial<AlertTicket> = {}): WebhookAlert => ({ kind: 'urgent', delivery_id: 'T-42~7.urgent', ticket: { ...full, ...t } });
  const escalation: WebhookAlert = { kind: 'escalation', delivery_id: 'T-42~7.escalation', ticket: full, waited_seconds: 960 };
  const LINE = ':rotating_light: Urgent ticket T-42 (Technical, urgency 0.97): ';

  describe('Slack: text and blocks', () => {
    it('gives the line as text, and a header, the ticket as fields and the subject as blocks', () => {
      const payload = webhookPayload(SLACK_URL, urgent({ subject: '<!channel> *hi*' })) as SlackPayload;
      expect(Object.keys(payload)).toEqual(['text', 'blocks']);
      expect(payload.text).toBe(`${LINE}&lt;!channel&gt; *hi*`);
      expect(payload.blocks).toEqual([
        { type: 'header', text: { type: 'plain_text', text: ':rotating_light: Urgent ticket', emoji: true } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Ticket*\nT-42' },
            { type: 'mrkdwn', text: '*Category*\nTechnical' },
            { type: 'mrkdwn', text: '*Urgency*\n0.97 (priority 10)' },
          ],
        },
        { type: 'section', text: { type: 'mrkdwn', text: '*Subject*\n&lt;!channel&gt; *hi*' } },
      ]);
    });

    it('escapes every block: no `<` or broadcast of the submitter survives anywhere', () => {
      const payload = webhookPayload(SLACK_URL, urgent({ ticket_id: '<!here> @channel', subject: '<@U1> <https://evil.example|bank>' }));
      const json = JSON.stringify(payload);
      expect(json).not.toMatch(/[<>]/);
      expect(json).not.toContain('@channel');
    });

    it('an empty subject still makes a valid section; an escalation says how long it waited', () => {
      const payload = webhookPayload(SLACK_URL, { ...escalation, ticket: { ...full, subject: '' } }) as SlackPayload;
      expect(payload.text).toContain('still waiting after 16 min');
      expect(payload.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':alarm_clock: Urgent ticket still waiting after 16 min', emoji: true } });
      expect(payload.blocks[1]).toHaveProperty('fields', expect.arrayContaining([{ type: 'mrkdwn', text: '*Waiting*\n16 min' }]));
      expect(payload.blocks[2]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Subject*\n_(none)_' } });
    });
  });

  describe('Discord: content and an embed', () => {
    it.each([DISCORD_URL, 'https://ptb.discord.com/api/webhooks/1/abc', 'https://discordapp.com/api/webhooks/1/abc'])(
      'gives %s escaped content, the same text, an escaped embed, and no mentions allowed',
      (url) => {
        const payload = webhookPayload(url, urgent({ subject: '@everyone [x](https://evil.example)' })) as DiscordPayload;
        const text = `${LINE}@\u200beveryone \\[x\\]\\(https://evil.example\\)`;
        expect(payload).toEqual({
          text,
          content: text,
          embeds: [
            {
              title: 'Urgent ticket',
              description: '@\u200beveryone \\[x\\]\\(https://evil.example\\)',
              color: 0xe01e5a,
              fields: [
                { name: 'Ticket', value: 'T-42', inline: true },
                { name: 'Category', value: 'Technical', inline: true },
                { name: 'Urgency', value: '0.97 (priority 10)', inline: true },
              ],
              timestamp: full.processed_at,
            },
          ],
          allowed_mentions: { parse: [] },
        });
      },
    );

    it('escapes the ticket id in its field, leaves out an empty description, and says how long an escalation waited', () => {
      const payload = webhookPayload(DISCORD_URL, { ...escalation, ticket: { ...full, ticket_id: '<@&1>', subject: '' } }) as DiscordPayload;
      const [embed] = payload.embeds;
      expect(embed).not.toHaveProperty('description');
      expect(embed.title).toBe('Urgent ticket still waiting after 16 min');
      expect(embed.fields[0]).toEqual({ name: 'Ticket', value: '\\<@\u200b&1\\>', inline: true });
      expect(embed.fields).toContainEqual({ name: 'Waiting', value: '16 min', inline: true });
      expect(payload.content).toContain(':alarm_clock:');
    });
  });

  describe('generic: the alert as data', () => {
    it.each(['http://127.0.0.1:9/hook', 'https://discord.com.example.org/hook', 'https://example.org/webhooks'])(
      'gives %s the event, the delivery id, the Slack-escaped line and the ticket as submitted',
      (url) => {
        const payload = webhookPayload(url, urgent({ subject: '<!channel>' }));
        expect(payload).toEqual({
          event: 'ticket.urgent',
          delivery_id: 'T-42~7.urgent',
          text: `${LINE}&lt;!channel&gt;`,
          ticket: { ...full, subject: '<!channel>' },
        });
      },
    );

    it('never carries more of the ticket than its snapshot (no body), and an escalation carries its wait', () => {
      const withBody = { ...full, body: 'private details', customer_id: 'c-1' } as AlertTicket;
      const payload = webhookPayload('http://127.0.0.1:9/hook', { ...escalation, ticket: withBody }) as GenericPayload;
      expect(payload.event).toBe('ticket.escalated');
      expect(payload.waited_seconds).toBe(960);
      expect(payload.ticket).toEqual(full);
      expect(JSON.stringify(payload)).not.toContain('private details');
    });
  });

  it('follows an explicit format whatever the host', () => {
    expect(webhookPayload('http://127.0.0.1:9/hook', urgent(), 'discord')).toHaveProperty('allowed_mentions', { parse: [] });
    expect(Object.keys(webhookPayload(DISCORD_URL, urgent(), 'slack'))).toEqual(['text', 'blocks']);
    expect(webhookPayload(SLACK_URL, urgent(), 'generic')).toHaveProperty('event', 'ticket.urgent');
  });
});
