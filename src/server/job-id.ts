import { randomUUID } from 'node:crypto';

/** A version 4 UUID in lower case: 122 random bits, and nothing a path could be made of. */
const jobIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A fresh, unguessable job id. */
export function newJobId(): string {
  return randomUUID();
}

/** Whether `text` has the exact shape of a job id: check before using an id anywhere else. */
export function isJobId(text: string): boolean {
  return jobIdPattern.test(text);
}
