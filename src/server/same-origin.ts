import type { FastifyRequest } from 'fastify';
import { CrossOriginError } from './errors.js';

/** Methods that change something: the ones another web site must not be able to send us. */
const changingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses (CrossOriginError, 403) a request that changes something and comes from a page of
 * another origin: a multipart POST is a "simple" request that browsers send cross-site without
 * asking, so any web page could otherwise make a local server work. Requests without an Origin
 * header (curl, scripts) pass.
 */
export async function refuseCrossOrigin(request: FastifyRequest): Promise<void> {
  const { origin, host = '' } = request.headers;
  if (origin === undefined || !changingMethods.has(request.method)) return;
  if (hostOf(origin) !== host) throw new CrossOriginError(origin, host);
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
