/**
 * Reads the body of a successful GitHub answer. Octokit's own reading parses JSON with a big-integer-safe parser that,
 * on Node 20, first rewrites the whole text with a regular expression and then parses it with a reviver called for
 * every value: on a contents answer of a few megabytes (notebooks with image outputs, a GraphQL query with 300 files)
 * that is several times the CPU of the native parser and one more full copy of the text in memory. GitHub's answers
 * carry no integer the source reads that is beyond 2^53 (ids, sizes, counts), so the native parser reads them
 * exactly. Everything else is as Octokit does it: JSON that does not parse stays text (the client turns that into
 * "invalid JSON"), text types are text, anything else is bytes.
 */

/** The media type of a Content-Type header, lower case, without parameters. */
function mediaType(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi >= 0 ? contentType.slice(0, semi) : contentType).trim().toLowerCase();
}

/** True when the header says charset=utf-8 (any case, quoted or not). */
function saysUtf8(contentType: string): boolean {
  return contentType
    .split(';')
    .slice(1)
    .some((p) => {
      const eq = p.indexOf('=');
      if (eq < 0 || p.slice(0, eq).trim().toLowerCase() !== 'charset') return false;
      return p.slice(eq + 1).trim().replace(/^"|"$/g, '').toLowerCase() === 'utf-8';
    });
}

/** The body as Octokit would give it (see above), with the native JSON parser. */
export async function readBody(body: ReadableStream<Uint8Array> | null, contentType: string | undefined): Promise<unknown> {
  const res = new Response(body);
  if (contentType === undefined || contentType === '') return res.text().catch(() => '');
  const type = mediaType(contentType);
  if (type === 'application/json' || type === 'application/scim+json') {
    const text = await res.text().catch(() => '');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (type.startsWith('text/') || (saysUtf8(contentType) && type !== 'application/octet-stream')) return res.text().catch(() => '');
  return res.arrayBuffer().catch(() => new ArrayBuffer(0));
}
