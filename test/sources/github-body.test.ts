import { describe, expect, it } from 'vitest';
import { readBody } from '../../src/sources/github-body.js';

const stream = (s: string | Uint8Array): ReadableStream<Uint8Array> => new Response(s).body!;

describe('readBody (successful GitHub answers, read as Octokit would)', () => {
  it('parses JSON natively, with or without parameters, and keeps every value', async () => {
    const body = { a: 1, nested: { text: 'x'.repeat(100_000), list: [1, 2.5, -3e2, null, true] }, id: 2 ** 53 - 1 };
    expect(await readBody(stream(JSON.stringify(body)), 'application/json; charset=utf-8')).toEqual(body);
    expect(await readBody(stream('{"b":[]}'), 'Application/JSON')).toEqual({ b: [] });
    expect(await readBody(stream('{"c":1}'), 'application/scim+json')).toEqual({ c: 1 });
  });

  it('leaves JSON that does not parse as text (the client then says "invalid JSON")', async () => {
    expect(await readBody(stream('<html>oops</html>'), 'application/json')).toBe('<html>oops</html>');
    expect(await readBody(stream(''), 'application/json')).toBe('');
  });

  it('gives text for text types, UTF-8 charsets and answers without a type; bytes otherwise', async () => {
    expect(await readBody(stream('plain'), 'text/plain')).toBe('plain');
    expect(await readBody(stream('é'), 'application/x-thing; charset="UTF-8"')).toBe('é');
    expect(await readBody(stream('no type'), undefined)).toBe('no type');
    const bytes = await readBody(stream(new Uint8Array([0, 1, 2])), 'application/octet-stream; charset=utf-8');
    expect(bytes).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(bytes as ArrayBuffer)]).toEqual([0, 1, 2]);
  });
});
