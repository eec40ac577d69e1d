import { z } from 'zod';
import { CATEGORIES, type Category } from './ticket.js';
import { pageLimitSchema, pageOffsetSchema } from './paging.js';
import { teamNameSchema } from './team.js';

/*
 * How an agent looks at the processed queue: which tickets (category, text), in which
 * order (pop order, or by age), a page at a time.
 */

/** `urgency`: pop order (S, then arrival); `oldest` / `newest`: by arrival alone. */
export const QUEUE_SORTS = ['urgency', 'oldest', 'newest'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** The longest search text: a search reads every queued ticket, so it is kept short. */
export const QUEUE_SEARCH_MAX_LENGTH = 200;

/** Bins of the queue's urgency histogram: S in [0, 0.1), …, [0.9, 1]. */
export const URGENCY_BINS = 10;

export const queueFilterSchema = z.object({
  category: z.enum(CATEGORIES).optional(),
  /** Matched in the ticket id, subject, body and customer id; case-insensitive for ASCII letters. */
  search: z
    .string()
    .trim()
    .max(QUEUE_SEARCH_MAX_LENGTH)
    .optional()
    .transform((s) => (s ? s : undefined)),
  sort: z.enum(QUEUE_SORTS).default('urgency'),
  /** One team's queue (checked against TEAM_QUEUES by the adapter); every team when absent. */
  team: teamNameSchema.optional(),
});

export const queueViewSchema = queueFilterSchema.extend({ limit: pageLimitSchema, offset: pageOffsetSchema });

export interface QueueView {
  category?: Category;
  search?: string;
  sort: QueueSort;
  team?: string;
  offset: number;
  limit: number;
}

/**
 * The search text as the Lua search compares it: Lua lowers ASCII letters only, so the
 * needle is lowered the same way (an accented capital matches only itself).
 */
export function searchNeedle(search: string | undefined): string {
  return (search ?? '').replace(/[A-Z]/g, (c) => c.toLowerCase());
}
