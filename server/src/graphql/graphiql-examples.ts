/**
 * What GraphiQL opens with: one runnable example of each kind of operation, so a new user
 * sees the API's shape before reading the docs pane (pick one with the ▶ button's menu).
 * A test runs every operation here against the schema, so the examples cannot go stale.
 */
export const GRAPHIQL_EXAMPLES = `# Intelligent Queue — example operations. Press ▶ and pick one.
# REST lives beside this at /docs; the contract is docs/API.md in the repository.

mutation SubmitTicket {
  submitTicket(input: { ticketId: "T-1001", subject: "Charged twice", body: "I was billed twice this month. Please refund." }) {
    ticketId
    jobId
    duplicate
  }
}

query Queue {
  queueSize
  queue(limit: 10) {
    ticketId
    subject
    category
    urgencyScore
    urgencyExplanation
    createdAt
  }
}

mutation PopMostUrgent {
  popNext {
    ticketId
    subject
    category
    urgencyScore
  }
}

query ScoreAText {
  urgencyScore(text: "The site is down and we are losing orders!") {
    urgencyScore
    isUrgent
    explanation
    model
  }
}

subscription LiveActivity {
  activity {
    id
    type
    ticketId
    ts
  }
}
`;
