/**
 * One blob's exact bytes over REST, for the files GraphQL gives truncated (text over its limit: notebooks with image
 * outputs, often 1–5 MB) or not as UTF-8. Asked for as raw data (`application/vnd.github.raw+json`): the body is the
 * file itself, not a JSON answer with the file in base64, so the client reads a third less and holds no base64 text,
 * no parsed copy of it and no decoded copy beside the bytes. A server that ignores the media type and answers with
 * the JSON blob (base64 or UTF-8 `content`) is read as before, and a JSON answer without content is no content.
 */
import type { GithubClient } from './github-client.js';

const RAW = 'application/vnd.github.raw+json';

/** The bytes of blob `oid`, or null when the answer carries no content. */
export async function fetchBlobBytes(client: GithubClient, owner: string, repo: string, oid: string, signal?: AbortSignal): Promise<Uint8Array | null> {
  const r = await client.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
    owner,
    repo,
    file_sha: oid,
    headers: { accept: RAW },
    // The body as it came (the client's hook leaves it unread): raw bytes are not text to decode.
    request: { signal, parseSuccessResponseBody: false },
  });
  const body = r.data as unknown;
  const bytes = body instanceof ReadableStream ? new Uint8Array(await new Response(body as ReadableStream<Uint8Array>).arrayBuffer()) : null;
  if (!bytes) return jsonContent(body);
  const type = String(r.headers['content-type'] ?? '');
  return isJsonType(type) ? jsonContent(parseJson(bytes)) : bytes;
}

/** application/json (any parameters): the JSON blob, if the server did not give the raw data. */
function isJsonType(contentType: string): boolean {
  const semi = contentType.indexOf(';');
  return (semi >= 0 ? contentType.slice(0, semi) : contentType).trim().toLowerCase() === 'application/json';
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** The content of a JSON blob answer (`{ content, encoding, sha }`); null when it is not one. */
function jsonContent(data: unknown): Uint8Array | null {
  const d = data as { content?: unknown; encoding?: unknown; sha?: unknown } | null;
  if (!d || typeof d !== 'object' || typeof d.content !== 'string' || typeof d.sha !== 'string') return null;
  const b = d.encoding === 'base64' ? Buffer.from(d.content, 'base64') : Buffer.from(d.content, 'utf8');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
