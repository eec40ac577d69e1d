/** Input limits of API.md; every one is configurable through the environment. */
export interface TicketLimits {
  ticketIdMaxLength: number;
  subjectMaxLength: number;
  bodyMaxLength: number;
  batchMaxItems: number;
}

/**
 * The longest job id a ticket id of `ticketIdMaxLength` characters can give (see
 * claim-tickets-8.lua): each character is at most 4 UTF-8 bytes, each byte at most 3
 * characters (`~HH`), then `~` and an arrival number below 2³⁹ (at most 12 digits).
 * Routers must accept path parameters this long for `/jobs/{job_id}` to find every job.
 */
export const jobIdMaxLength = (ticketIdMaxLength: number): number => ticketIdMaxLength * 4 * 3 + 1 + 12;
