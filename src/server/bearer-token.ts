import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from './errors.js';

/**
 * A hook that lets an API request (`/api/...`) through only with `Authorization: Bearer <token>`;
 * the page and its files stay public, since the page asks for the token. The comparison takes the
 * same time whatever the token sent, so timing tells nothing of the real one.
 */
export function requireBearerToken(token: string): (request: FastifyRequest) => Promise<void> {
  const expected = digest(token);
  return async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    const sent = header?.match(/^Bearer\s+(.+)$/i)?.[1];
    if (sent === undefined) throw new UnauthorizedError('none');
    if (!timingSafeEqual(digest(sent), expected)) throw new UnauthorizedError('another');
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
