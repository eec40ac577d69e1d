import { z } from 'zod';

/*
 * Reading a list from Redis one page at a time (the processed queue, the activity log):
 * a page is one Redis call and one answer holding that many records, so its size is bounded.
 */

/** The most records one page may hold. */
export const PAGE_MAX_LIMIT = 1_000;

/** A page's size when the client names none. */
export const PAGE_DEFAULT_LIMIT = 100;

/** A page size a client may ask for: 1 to PAGE_MAX_LIMIT. */
export const pageLimitSchema = z.number().int().min(1).max(PAGE_MAX_LIMIT);

/** Records to skip before the page starts. */
export const pageOffsetSchema = z.number().int().min(0);
