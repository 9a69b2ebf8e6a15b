import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { describeQueue, queueUrlFrom, redisOptionsFromUrl } from '../../src/queue/queue-url.js';

describe('redisOptionsFromUrl', () => {
  it('host and port; 6379 when none', () => {
    expect(redisOptionsFromUrl('redis://10.0.0.5:7000')).toEqual({ host: '10.0.0.5', port: 7000 });
    expect(redisOptionsFromUrl('redis://queue.internal')).toEqual({ host: 'queue.internal', port: 6379 });
  });

  it('user, password (percent-decoded) and database from the URL; TLS for rediss://', () => {
    expect(redisOptionsFromUrl('rediss://inpaint:p%40ss@queue.example:6380/2')).toEqual({
      host: 'queue.example',
      port: 6380,
      username: 'inpaint',
      password: 'p@ss',
      db: 2,
      tls: { servername: 'queue.example' },
    });
    expect(redisOptionsFromUrl('redis://:secret@[::1]:6379')).toEqual({ host: '::1', port: 6379, password: 'secret' });
  });

  it.each(['http://example.com', 'queue:6379', '', 'redis://host/db'])('%j: InvalidOptionError naming --queue', (url) => {
    expect(() => redisOptionsFromUrl(url)).toThrow(InvalidOptionError);
    expect(() => redisOptionsFromUrl(url)).toThrow(/--queue/);
  });

  it('the password never appears in a message', () => {
    expect(describeQueue('redis://u:topsecret@h:1')).toBe('redis://u:***@h:1');
    expect(() => redisOptionsFromUrl('http://u:topsecret@h:1')).toThrow(/^(?!.*topsecret)/s);
  });
});

describe('queueUrlFrom', () => {
  it('the flag first, else INPAINT_QUEUE, else none', () => {
    expect(queueUrlFrom('redis://a:1', { INPAINT_QUEUE: 'redis://b:1' })).toBe('redis://a:1');
    expect(queueUrlFrom(undefined, { INPAINT_QUEUE: 'redis://b:1' })).toBe('redis://b:1');
    expect(queueUrlFrom(undefined, { INPAINT_QUEUE: ' ' })).toBeUndefined();
    expect(queueUrlFrom(undefined, {})).toBeUndefined();
  });
});
