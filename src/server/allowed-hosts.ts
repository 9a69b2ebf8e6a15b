import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { HostNotAllowedError } from './errors.js';

/** The names a loopback server answers for whatever it was started with. */
const loopbackNames = ['localhost', '127.0.0.1', '::1'];

/**
 * A hook that refuses (403) a request whose Host header names none of `names` (compared without
 * the port, case-insensitively) and none of the loopback names. DNS rebinding points a name of
 * the attacker's at this server: its requests then carry that name, while an address typed as
 * an IP literal cannot be rebound, so IP literals pass when `ipLiterals` is set (a server that
 * listens on every interface is reached by its addresses).
 */
export function refuseForeignHosts(names: readonly string[], ipLiterals: boolean): (request: FastifyRequest) => Promise<void> {
  const allowed = [...new Set([...loopbackNames, ...names].map((n) => n.toLowerCase()))];
  return async (request) => {
    const header = request.headers.host ?? '';
    const name = hostName(header).toLowerCase();
    if (allowed.includes(name) || (ipLiterals && isIP(name) !== 0)) return;
    throw new HostNotAllowedError(header, allowed);
  };
}

/** `example.org:8080` -> `example.org`, `[::1]:8080` -> `::1`. */
function hostName(header: string): string {
  if (header.startsWith('[')) {
    const end = header.indexOf(']');
    return end < 0 ? header : header.slice(1, end);
  }
  const colon = header.indexOf(':');
  return colon < 0 ? header : header.slice(0, colon);
}
