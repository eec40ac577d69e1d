/** The tickets every scenario sends: the same five texts, round robin. */
const TEXTS: [string, string][] = [
  ['Charged twice', 'I was charged twice for my subscription and nobody answers. This is unacceptable!'],
  ['Export question', 'How do I export my data to CSV? Thanks in advance.'],
  ['App crashes', 'The app crashes on login since the last update, error 500 every time.'],
  ['GDPR request', 'Our attorney will contact you about the GDPR request you ignored.'],
  ['Invoices', 'Love the product, quick question about invoices for my accountant.'],
];

export const ticket = (i: number, prefix = 't') => {
  const [subject, body] = TEXTS[i % TEXTS.length]!;
  return { ticket_id: `${prefix}-${i}`, subject, body };
};

/** A ticket without an id: the server generates one, so a repeated request body is never a duplicate. */
export const anonymousTicket = (i = 0) => {
  const [subject, body] = TEXTS[i % TEXTS.length]!;
  return { subject, body };
};
