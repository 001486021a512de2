import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback.js';

/**
 * A real HTTP server on 127.0.0.1 that speaks the artifact service @actions/artifact (2+) talks to, as GitHub's runner
 * exposes it: Twirp JSON endpoints under ACTIONS_RESULTS_URL (`/twirp/github.actions.results.api.v1.ArtifactService/…`:
 * CreateArtifact, FinalizeArtifact, ListArtifacts, DeleteArtifact), authorized by ACTIONS_RUNTIME_TOKEN, a JWT whose
 * `scp` claim carries `Actions.Results:<run backend id>:<job backend id>`; and the blob storage CreateArtifact's signed
 * upload URL points to, answering the Azure Blob client's Put Block and Put Block List requests (an IP-style URL:
 * `/<account>/<container>/<blob>?<SAS>`). It checks every request against what the service would accept: the token,
 * the backend ids, the signature, the finalized size and SHA-256 of the blocks committed.
 */

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

export interface StoredArtifact {
  id: number;
  name: string;
  runId: string;
  jobId: string;
  /** CreateArtifact's `expires_at` (RFC 3339), when the upload asked for a retention. */
  expiresAt?: string;
  mimeType?: string;
  /** The blob's Content-Type (x-ms-blob-content-type of Put Block List). */
  blobContentType?: string;
  blocks: Map<string, Buffer>;
  /** The committed blob: the staged blocks in Put Block List's order. */
  content?: Buffer;
  finalized: boolean;
  /** FinalizeArtifact's `hash` (sha256:<hex>). */
  hash?: string;
  blobPath: string;
  sig: string;
}

export interface ServiceCall {
  method: string;
  path: string;
  /** The Twirp method (CreateArtifact, …) or the blob operation (block, blocklist). */
  op: string;
  status: number;
  body?: unknown;
}

const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

/** ACTIONS_RUNTIME_TOKEN as the runner issues it: a JWT (here unsigned: the client only reads its claims). */
export function runtimeToken(runId: string, jobId: string): string {
  const claims = { scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${runId}:${jobId} Actions.UploadArtifacts:00000000-0000-0000-0000-000000000000/1:${runId}/${jobId}`, iss: 'vstoken.actions.githubusercontent.com' };
  return `${b64url({ typ: 'JWT', alg: 'RS256' })}.${b64url(claims)}.${randomBytes(16).toString('base64url')}`;
}

function claimsOf(auth: string | undefined): { runId: string; jobId: string } | undefined {
  const m = /^Bearer ([^.\s]+)\.([^.\s]+)\.([^.\s]*)$/.exec(auth ?? '');
  if (!m) return undefined;
  try {
    const scp = String((JSON.parse(Buffer.from(m[2], 'base64url').toString('utf8')) as { scp?: unknown }).scp ?? '');
    for (const s of scp.split(' ')) {
      const p = s.split(':');
      if (p[0] === 'Actions.Results' && p.length === 3) return { runId: p[1], jobId: p[2] };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** A Twirp error as the service sends it. */
const twirpError = (status: number, code: string, msg: string): { status: number; body: unknown } => ({ status, body: { code, msg } });

export class FakeArtifactService extends LoopbackServer {
  readonly calls: ServiceCall[] = [];
  readonly artifacts: StoredArtifact[] = [];
  /** Twirp methods answered with this status and a Twirp error, every time (e.g. { CreateArtifact: 500 }). */
  failures: Partial<Record<string, number>> = {};
  private nextId = 4200;

  /** The variables the runner sets for a job of run `runId` (the job's backend id `jobId`). */
  env(runId: string, jobId: string): Record<string, string> {
    return { ACTIONS_RUNTIME_TOKEN: runtimeToken(runId, jobId), ACTIONS_RESULTS_URL: `${this.url}/` };
  }

  /** An artifact a job already uploaded (an earlier attempt, another job). */
  seed(name: string, runId: string, jobId: string, content: Buffer): StoredArtifact {
    const a: StoredArtifact = { id: this.nextId++, name, runId, jobId, blocks: new Map(), content, finalized: true, blobPath: '', sig: '' };
    this.artifacts.push(a);
    return a;
  }

  /** Finalized artifacts of run `runId`. */
  listed(runId: string): StoredArtifact[] {
    return this.artifacts.filter((a) => a.runId === runId && a.finalized);
  }

  ops(): string[] {
    return this.calls.map((c) => `${c.op} ${c.status}`);
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    let out: { status: number; body?: unknown; headers?: Record<string, string> };
    let op = '?';
    let body: unknown;
    if (method === 'POST' && u.pathname.startsWith(SERVICE)) {
      op = u.pathname.slice(SERVICE.length);
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = raw.toString('utf8');
      }
      out = this.twirp(op, req, body);
    } else if (method === 'PUT') {
      op = u.searchParams.get('comp') ?? 'blob';
      out = this.blob(op, u, req, raw);
    } else {
      out = { status: 404 };
    }
    this.calls.push({ method, path: u.pathname, op, status: out.status, ...(body !== undefined ? { body } : {}) });
    const json = out.body !== undefined;
    res.writeHead(out.status, { ...(json ? { 'content-type': 'application/json' } : {}), ...out.headers });
    res.end(json ? JSON.stringify(out.body) : '');
  }

  private twirp(op: string, req: IncomingMessage, body: unknown): { status: number; body?: unknown } {
    const who = claimsOf(req.headers.authorization);
    if (!who) return twirpError(401, 'unauthenticated', 'no valid runtime token');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return twirpError(415, 'malformed', 'expected JSON');
    const fail = this.failures[op];
    if (fail) return twirpError(fail, 'internal', 'the fake service was told to fail');
    const b = (body ?? {}) as Record<string, unknown>;
    // The ids in the request must be the token's own (the service authorizes the job by them).
    if (b.workflow_run_backend_id !== who.runId) return twirpError(403, 'permission_denied', 'workflow_run_backend_id is not the token’s');
    const inRun = this.artifacts.filter((a) => a.runId === who.runId);
    switch (op) {
      case 'CreateArtifact': {
        if (b.workflow_job_run_backend_id !== who.jobId) return twirpError(403, 'permission_denied', 'workflow_job_run_backend_id is not the token’s');
        if (b.version !== 7) return twirpError(400, 'invalid_argument', `unsupported version ${String(b.version)}`);
        const name = String(b.name ?? '');
        if (!name) return twirpError(400, 'invalid_argument', 'name is empty');
        if (inRun.some((a) => a.name === name)) return twirpError(409, 'already_exists', 'an artifact with this name already exists on the workflow run');
        const sig = randomBytes(24).toString('base64url');
        const a: StoredArtifact = {
          id: this.nextId++,
          name,
          runId: who.runId,
          jobId: who.jobId,
          ...(typeof b.expires_at === 'string' ? { expiresAt: b.expires_at } : {}),
          ...(typeof b.mime_type === 'string' ? { mimeType: b.mime_type } : {}),
          blocks: new Map(),
          finalized: false,
          blobPath: `/devstoreaccount1/actions-results/${who.runId}/${who.jobId}/${encodeURIComponent(name)}.zip`,
          sig,
        };
        this.artifacts.push(a);
        const sas = new URLSearchParams({ sv: '2025-01-05', se: '2099-01-01T00:00:00Z', sr: 'b', sp: 'cw', sig });
        return { status: 200, body: { ok: true, signed_upload_url: `${this.url}${a.blobPath}?${sas.toString()}` } };
      }
      case 'FinalizeArtifact': {
        const a = inRun.find((x) => x.name === b.name && x.jobId === who.jobId && !x.finalized);
        if (!a) return twirpError(404, 'not_found', 'no artifact of this job with this name to finalize');
        if (!a.content) return twirpError(400, 'failed_precondition', 'the blob was never committed');
        if (b.size !== String(a.content.length)) return twirpError(400, 'invalid_argument', `size ${String(b.size)} is not the blob's ${a.content.length}`);
        const hash = `sha256:${createHash('sha256').update(a.content).digest('hex')}`;
        if (b.hash !== hash) return twirpError(400, 'invalid_argument', `hash ${String(b.hash)} is not the blob's ${hash}`);
        a.finalized = true;
        a.hash = hash;
        return { status: 200, body: { ok: true, artifact_id: String(a.id) } };
      }
      case 'ListArtifacts': {
        const filter = typeof b.name_filter === 'string' ? b.name_filter : undefined;
        const list = inRun.filter((a) => a.finalized && (filter === undefined || a.name === filter));
        return {
          status: 200,
          body: {
            artifacts: list.map((a) => ({
              workflow_run_backend_id: a.runId,
              workflow_job_run_backend_id: a.jobId,
              database_id: String(a.id),
              name: a.name,
              size: String(a.content?.length ?? 0),
              created_at: '2025-06-12T10:00:00Z',
            })),
          },
        };
      }
      case 'DeleteArtifact': {
        const i = this.artifacts.findIndex((a) => a.runId === who.runId && a.jobId === b.workflow_job_run_backend_id && a.name === b.name && a.finalized);
        if (i < 0) return twirpError(404, 'not_found', 'artifact not found');
        const [a] = this.artifacts.splice(i, 1);
        return { status: 200, body: { ok: true, artifact_id: String(a.id) } };
      }
      default:
        return twirpError(404, 'bad_route', `no method ${op}`);
    }
  }

  private blob(op: string, u: URL, req: IncomingMessage, raw: Buffer): { status: number; headers?: Record<string, string> } {
    const a = this.artifacts.find((x) => x.blobPath && x.blobPath === u.pathname);
    if (!a) return { status: 404 };
    if (u.searchParams.get('sig') !== a.sig) return { status: 403 };
    if (!req.headers['x-ms-version']) return { status: 400 };
    const headers = { 'x-ms-request-id': randomBytes(8).toString('hex'), 'x-ms-version': String(req.headers['x-ms-version']) };
    if (op === 'block') {
      const id = u.searchParams.get('blockid');
      if (!id || Number(req.headers['content-length']) !== raw.length) return { status: 400 };
      a.blocks.set(id, raw);
      return { status: 201, headers };
    }
    if (op === 'blocklist') {
      const ids = [...raw.toString('utf8').matchAll(/<(?:Latest|Uncommitted)>([^<]*)<\/(?:Latest|Uncommitted)>/g)].map((m) => m[1]);
      if (ids.some((id) => !a.blocks.has(id))) return { status: 400 };
      a.content = Buffer.concat(ids.map((id) => a.blocks.get(id)!));
      a.blobContentType = String(req.headers['x-ms-blob-content-type'] ?? '');
      return { status: 201, headers: { ...headers, etag: `"0x${randomBytes(6).toString('hex')}"`, 'last-modified': new Date().toUTCString() } };
    }
    return { status: 400 };
  }
}
