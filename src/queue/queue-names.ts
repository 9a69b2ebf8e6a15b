/** The BullMQ queue every server, worker and `inpaint run --queue` of a cluster shares. */
export const queueName = 'inpaint-jobs';

/** Redis channel on which a cancelled job's id is announced to the workers (and servers). */
export const cancelChannel = 'inpaint:cancel';

/** Redis key that marks a job as cancelled and keeps what its status needs (JSON of a CancelRecord). */
export function cancelKey(id: string): string {
  return `inpaint:cancelled:${id}`;
}
