import type { Evidence, ProbeResult } from '../../types.js';
import { hostOf, snippet, urls, type ReadmeView } from './_shared/blocks.js';
import { result, ev } from './_shared/result.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, onReadme } from './_shared/load.js';
import { repoIndex } from './_shared/refs.js';
import { fileByPath } from '../../sources/file-lookup.js';

const BADGE = /shields\.io|badgen\.net|badge\.fury\.io|forthebadge|travis-ci|circleci\.com|codecov\.io|coveralls\.io|\/badge(\.svg)?\b|badge\.svg|colab-badge|binder\.svg|deepnote|gitpod\.io\/button|open-in-|visitor-badge|hits\.seeyoufarm|komarev\.com|github-readme-stats|img\.shields/i;

const PLACEHOLDER_IMAGE = /(^|\.)(via\.placeholder\.com|placeholder\.com|placehold\.co|placehold\.it|dummyimage\.com|placekitten\.com|picsum\.photos|fakeimg\.pl)$/i;

/** Arrows a Mermaid block needs to count as a diagram. */
const MIN_DIAGRAM_EDGES = 3;

/** Arrows (`-->`, `---`, `-.->`, `==>`, `->>` in sequence diagrams) in a Mermaid block, one per line at most counted twice. */
export function diagramEdges(text: string): number {
  let n = 0;
  for (const line of text.split('\n').slice(0, 2000)) {
    const arrows = line.match(/-{2,3}>|-\.+->|={2,3}>|->>|-->>|-{3}/g);
    if (arrows) n += Math.min(2, arrows.length);
  }
  return n;
}

/** An image file smaller than this is not a chart or a screenshot (a 1×1 PNG is 67 bytes). */
const MIN_IMAGE_BYTES = 100;

function visuals(view: ReadmeView, p: ReadmeVisualsParams, exists: (path: string) => boolean, sizeOf: (path: string) => number | undefined = () => undefined): ProbeResult {
  const { min } = p;
  const evidence: Evidence[] = [];
  const missing: Evidence[] = [];
  let count = 0;
  const dir = view.doc.path.includes('/') ? view.doc.path.slice(0, view.doc.path.lastIndexOf('/') + 1) : '';
  for (const u of urls(view)) {
    const isImage = u.kind === 'image' || u.kind === 'html-image';
    if (!isImage || BADGE.test(u.url)) continue;
    const url = u.url.trim();
    if (PLACEHOLDER_IMAGE.test(hostOf(url) ?? '')) {
      missing.push(ev(view, u.line, `placeholder image, not a real screenshot: ${snippet(url, 60)}`, true));
      continue;
    }
    if (!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) {
      let rel = url.replace(/[?#].*$/, '');
      try {
        rel = decodeURIComponent(rel);
      } catch {
        /* keep */
      }
      const path = rel.startsWith('/') ? rel.slice(1) : (dir + rel).replace(/^\.\//, '');
      const norm = path.split('/').reduce<string[]>((a, s) => (s === '..' ? (a.pop(), a) : s === '.' || s === '' ? a : [...a, s]), []).join('/');
      if (!exists(norm)) {
        missing.push(ev(view, u.line, `image file missing from the repo: ${snippet(url, 60)}`, true));
        continue;
      }
      const size = sizeOf(norm);
      if (size !== undefined && size < MIN_IMAGE_BYTES) {
        missing.push(ev(view, u.line, `unsupported claim: ${snippet(url, 60)} is ${size} byte${size === 1 ? '' : 's'}, not an image`, true));
        continue;
      }
    }
    count++;
    evidence.push(ev(view, u.line, `${/\.gif(\?|$)/i.test(url) ? 'GIF' : /\.(mp4|webm)/i.test(url) ? 'video' : 'image'}: ${snippet(u.text ? `${u.text} (${url})` : url, 80)}`));
  }
  // A Mermaid diagram (GitHub draws the fenced block as a picture): an architecture or pipeline diagram shows the work
  // as a screenshot does. At least MIN_DIAGRAM_EDGES arrows, so a one-arrow `A --> B` block is not a diagram.
  for (const b of view.blocks) {
    if (b.kind !== 'code' || b.lang !== 'mermaid') continue;
    const edges = diagramEdges(b.text);
    if (edges < MIN_DIAGRAM_EDGES) {
      missing.push(ev(view, b.line, `Mermaid block with ${edges} arrow${edges === 1 ? '' : 's'}: too small to be a diagram`, true));
      continue;
    }
    count++;
    evidence.push(ev(view, b.line, `Mermaid diagram (${edges} arrows)`));
  }
  const score = min > 0 ? Math.min(1, count / min) : 1;
  const note = count === 0 ? (missing.length ? 'images are referenced but their files are missing or are not images' : 'no screenshots, charts or GIFs in the README') : undefined;
  return result(score, [...evidence, ...missing], note);
}

const paramsSchema = Type.Object(
  {
    /** Images for full score. */
    min: Type.Integer({ minimum: 0, default: 1 }),
  },
  { additionalProperties: false },
);

type ReadmeVisualsParams = Static<typeof paramsSchema>;

export const readmeVisualsProbe = defineProbe({
  name: 'readme-visuals',
  description: 'Does the README show the work in images (screenshots, charts, GIFs) whose files exist? Badges do not count.',
  paramsSchema,
  reads: () => README_GLOBS,
  run: (params, ctx) =>
    onReadme(ctx, (view) => {
      const index = repoIndex(ctx.snapshot.files);
      const byPath = fileByPath(ctx.snapshot.files);
      return visuals(view, params, index.exists, (p) => byPath(p)?.size);
    }),
});
