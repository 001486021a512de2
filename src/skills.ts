/**
 * Which skills of the guides' table a repo shows, which specialisations and which project types — each with the file
 * and line that shows it. Evidence comes from code (imports and usages in scripts and notebook code cells, with
 * comments and docstrings removed), dependency manifests, and a few config files (Dockerfile, Terraform, workflows).
 * README text never shows a skill (anyone can write "PyTorch" in a README); it may name a project type.
 *
 * Reads are bounded and deterministic: the shallowest files first, then by path, within a file-count and byte budget.
 */
import type { Root, RootContent } from 'mdast';
import { toString as mdToString } from 'mdast-util-to-string';
import { globMatcher } from './probes/context.js';
import { findReadme } from './probes/readme-doc.js';
import type { ProbeContext } from './probes/types.js';
import type { RepoSkills } from './report/types.js';
import {
  PROJECT_TYPE_IDS,
  SKILL_IDS,
  SPECIALISATION_IDS,
  type ProjectTypeId,
  type SkillId,
  type SpecialisationId,
} from './skills-catalog.js';
import {
  FILE_SIGNALS,
  IMAGE_DATA_GLOB,
  IMAGE_DATA_MIN,
  MODULES,
  PACKAGE_MODULES,
  README_TYPES,
  USAGES,
  type Effect,
  type FileSignal,
  type UsagePattern,
} from './skills-patterns.js';
import type { Evidence, FileEntry } from './types.js';
import { byDepthThenPath, shallowest } from './probes/file-order.js';
import { stripPython } from './facts/code-lines.js';
import { manifestFiles, type Manifest } from './facts/manifests.js';
import { codeCells } from './facts/notebooks.js';
import { VENDORED_GLOBS } from './facts/vendored.js';

/** Vendored or generated trees never show the candidate's skills (src/facts/vendored.ts). */
const SKIP_GLOBS = [...VENDORED_GLOBS];

/** Read budget for code files (scripts and notebooks). */
export const MAX_CODE_FILES = 60;
const MAX_CODE_BYTES = 8 * 1024 * 1024;
const MAX_PY_BYTES = 512 * 1024;
const MAX_NOTEBOOK_BYTES = 8 * 1024 * 1024;
const MAX_MANIFESTS = 10;
const MAX_CONFIG_FILES = 20;
const MAX_SMALL_BYTES = 256 * 1024;
/** Longer lines are data (base64, minified JSON), not code: not matched. */
const MAX_LINE = 4000;
/** Evidence kept per skill, specialisation or project type. */
const MAX_EVIDENCE = 3;
/** A specialisation is shown when its signals (2 = decisive, 1 = hint; each distinct signal once) add up to this. */
const SPECIALISATION_AT = 2;

interface Plan {
  code: FileEntry[];
  /** Every script and notebook was read (none left out by the budget): an unused declared package is then unused. */
  codeComplete: boolean;
  manifests: FileEntry[];
  configs: FileEntry[];
  candidates: number;
  truncated: boolean;
}

function planOf(ctx: Pick<ProbeContext, 'match'>): Plan {
  const codeAll = byDepthThenPath(ctx.match(['**/*.py', '**/*.ipynb'], SKIP_GLOBS).filter((f) => f.size > 0));
  const code: FileEntry[] = [];
  let bytes = 0;
  for (const f of codeAll) {
    if (code.length >= MAX_CODE_FILES) break;
    const cap = f.path.toLowerCase().endsWith('.ipynb') ? MAX_NOTEBOOK_BYTES : MAX_PY_BYTES;
    if (f.size > cap || bytes + f.size > MAX_CODE_BYTES) continue;
    code.push(f);
    bytes += f.size;
  }
  const manifestsAll = byDepthThenPath(manifestFiles(ctx));
  const manifests = manifestsAll.filter((f) => f.size <= MAX_SMALL_BYTES).slice(0, MAX_MANIFESTS);
  const configGlobs = [...new Set(FILE_SIGNALS.filter((s) => s.contains).flatMap((s) => s.globs))];
  const configsAll = byDepthThenPath(ctx.match(configGlobs, SKIP_GLOBS));
  const configs = configsAll.filter((f) => f.size <= MAX_SMALL_BYTES).slice(0, MAX_CONFIG_FILES);
  const candidates = codeAll.length + manifestsAll.length + configsAll.length;
  return { code, codeComplete: code.length === codeAll.length, manifests, configs, candidates, truncated: code.length + manifests.length + configs.length < candidates };
}

/** The files extractSkills will read, in order (bounded, deterministic), so a remote source can prefetch them. */
export function skillReads(ctx: Pick<ProbeContext, 'match' | 'files'>): string[] {
  const p = planOf(ctx);
  const readme = findReadme(ctx.files);
  return [...p.code, ...p.manifests, ...p.configs, ...(readme ? [readme] : [])].map((f) => f.path);
}

/** Module paths imported on one (comment-free) line of Python. */
function importsOf(line: string): string[] {
  const from = /^\s*from\s+([A-Za-z_][\w.]*)\s+import\b/.exec(line);
  if (from) return [from[1]];
  const imp = /^\s*import\s+(.+)$/.exec(line);
  if (!imp) return [];
  return imp[1]
    .replace(/[()\\]/g, '')
    .split(',')
    .map((p) => p.trim().split(/\s+/)[0])
    .filter((m) => /^[A-Za-z_][\w.]*$/.test(m));
}

/** The effects of importing `mod`: entries for `a.b.c`, `a.b` and `a`, with the most specific label. */
function moduleEffects(mod: string): Array<{ key: string; effect: Effect }> {
  const parts = mod.split('.');
  const out: Array<{ key: string; effect: Effect }> = [];
  for (let k = parts.length; k >= 1; k--) {
    const key = parts.slice(0, k).join('.');
    if (Object.hasOwn(MODULES, key)) out.push({ key, effect: MODULES[key] });
  }
  return out;
}

/** A package name from a manifest, as the import path it provides. */
function moduleOfPackage(name: string): string {
  const norm = name.toLowerCase().replace(/[_.]+/g, '-');
  for (const [re, mod] of PACKAGE_MODULES) if (re.test(norm)) return mod;
  return norm.replace(/-/g, '_');
}

/** A requirement's name at the start of a `pip install` argument. */
const REQ_NAME = /^([A-Za-z0-9][A-Za-z0-9._-]*)/;

interface Hit {
  weight: number;
  order: number;
  ev: Evidence;
}

/** A package declared by a manifest line or a `!pip install` line, and whether that manifest is a `pip freeze`. */
interface Declared {
  name: string;
  ev: Evidence;
  /** A Python-ecosystem declaration (requirements, pyproject, setup, conda, Pipfile, `!pip install`): its use is checked. */
  python: boolean;
  freeze: boolean;
}

/** Collects evidence while files are scanned; the first evidence per file and per signal wins. */
class Collector {
  private order = 0;
  /** Every module path the code read imports (`sklearn.model_selection`, `torch`), skill or not. */
  readonly imported = new Set<string>();
  /** Packages a manifest or a notebook's `!pip install` declares: applied by `settleDeclared` when the code uses them. */
  readonly declared: Declared[] = [];
  readonly skills = new Map<SkillId, Evidence[]>();
  readonly specs = new Map<SpecialisationId, Map<string, Hit>>();
  readonly types = new Map<ProjectTypeId, Map<string, Hit>>();

  skill(id: SkillId, ev: Evidence): void {
    const list = this.skills.get(id) ?? [];
    if (list.length >= MAX_EVIDENCE || list.some((e) => e.path === ev.path && ev.path !== undefined)) return;
    list.push(ev);
    this.skills.set(id, list);
  }

  private hit<K>(map: Map<K, Map<string, Hit>>, id: K, label: string, weight: number, ev: Evidence): void {
    const hits = map.get(id) ?? new Map<string, Hit>();
    const prev = hits.get(label);
    if (!prev || prev.weight < weight) hits.set(label, { weight, order: prev?.order ?? this.order++, ev });
    map.set(id, hits);
  }

  apply(effect: Effect, label: string, ev: Evidence, from: 'code' | 'manifest' | 'file' = 'code'): void {
    for (const s of effect.skills ?? []) this.skill(s, ev);
    if (effect.spec) this.hit(this.specs, effect.spec.id, label, from === 'code' ? effect.spec.weight : 1, ev);
    if (from !== 'manifest') for (const t of effect.types ?? []) this.hit(this.types, t, label, 1, ev);
  }

  type(id: ProjectTypeId, label: string, ev: Evidence): void {
    this.hit(this.types, id, label, 1, ev);
  }

  spec(id: SpecialisationId, label: string, weight: number, ev: Evidence): void {
    this.hit(this.specs, id, label, weight, ev);
  }
}

/**
 * Evidence lines are published (PR comments, job summaries): credentials that happen to sit on a matched line are
 * hidden — string values assigned to key/secret/token/password names, credentials in URLs, well-known token formats.
 */
function redactSecrets(line: string): string {
  return line
    .replace(/(\b(?=\w*(?:key|secret|token|passw(?:or)?d|pwd|credential))\w+["']?\s*[=:]\s*[rbuRBU]?)(["'])[^"'\n]{3,}\2/gi, '$1$2…$2')
    .replace(/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)[^\s/:@"']+:[^\s/@"']+@/gi, '$1…@')
    .replace(/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, '$1…')
    .replace(/\b(ghp_|gho_|ghs_|github_pat_|sk-|xox[abprs]-|AIza|hf_)[A-Za-z0-9_-]{16,}/g, '$1…');
}

const detailOf = (line: string): string => {
  const t = redactSecrets(line.trim().replace(/\s+/g, ' '));
  return t.length > 160 ? `${t.slice(0, 159)}…` : t;
};

/**
 * Two screens over USAGES: the case-sensitive usages in one alternation, the case-insensitive ones in another. A line
 * neither matches matches no usage, so most lines cost two regex tests instead of one per usage (~60); a line either
 * matches is tested usage by usage as before. Each alternative keeps its flags' meaning, so a screen matches exactly
 * the lines one of its usages matches (a usage with another flag, or a numbered backreference that the alternation
 * would renumber, is left out of the screens and never skipped).
 */
const screenable = (re: RegExp): boolean => /^i?$/.test(re.flags) && !/\\[1-9]|\(\?</.test(re.source.replace(/\(\?<[=!]/g, ''));
const usageScreen = (ci: boolean): RegExp =>
  new RegExp(USAGES.filter((u) => screenable(u.re) && u.re.flags === (ci ? 'i' : '')).map((u) => `(?:${u.re.source})`).join('|') || '(?!)', ci ? 'i' : '');
const ANY_USAGE_CS = usageScreen(false);
const ANY_USAGE_CI = usageScreen(true);
const UNSCREENED = USAGES.filter((u) => !screenable(u.re));

/** The usages one line of code matches, in USAGES order (the same as testing each usage; exported for its test). */
export function usagesOn(line: string): readonly UsagePattern[] {
  const some = ANY_USAGE_CS.test(line) || ANY_USAGE_CI.test(line);
  const candidates = some ? USAGES : UNSCREENED;
  return candidates.length ? candidates.filter((u) => u.re.test(line)) : candidates;
}

/** Scans one unit of Python (a script, or one notebook cell) line by line. */
function scanPython(col: Collector, src: string, at: (line: number) => Evidence): void {
  const clean = stripPython(src);
  // Windows line endings: `.` does not match `\r`, so `import pandas as pd\r` would match no import.
  const lines = clean.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim() || line.length > MAX_LINE) return; // blank, or a data blob (base64, minified) rather than code
    const ev = (): Evidence => ({ ...at(i + 1), detail: detailOf(line) });
    for (const mod of importsOf(line)) {
      col.imported.add(mod);
      for (const { key, effect } of moduleEffects(mod)) col.apply(effect, key, ev());
    }
    for (const u of usagesOn(line)) col.apply(u, u.label, ev());
  });
  // Multi-line SQL in a (non-docstring) string: upper-case keywords, as SQL is usually written in code.
  const sql = /\bSELECT\b[\s\S]{1,400}?\bFROM\b|\bINSERT\s+INTO\b|\bCREATE\s+TABLE\b/.exec(clean);
  if (sql) {
    const line = clean.slice(0, sql.index).split('\n').length;
    col.skill('sql', { ...at(line), detail: detailOf(lines[line - 1]) });
  }
}

/** Notebook cell magics and shell lines: `%%sql` shows SQL, `!pip install x` lists packages; both are removed. */
function scanCell(col: Collector, path: string, cell: number, src: string): void {
  const at = (line: number): Evidence => ({ path, cell, line, detail: '' });
  const lines = src.split(/\r?\n/);
  lines.forEach((l, i) => {
    const t = l.trim();
    if (/^%%?sql\b/.test(t)) col.skill('sql', { ...at(i + 1), detail: detailOf(t) });
    const pip = /^[!%]\s*(?:python\d?\s+-m\s+)?pip3?\s+install\s+(.+)$/.exec(t) ?? /^%?conda\s+install\s+(.+)$/.exec(t);
    if (pip)
      for (const tok of pip[1].split(/\s+/)) {
        const m = REQ_NAME.exec(tok.replace(/^["']/, ''));
        if (!tok.startsWith('-') && m) col.declared.push({ name: m[1], ev: { ...at(i + 1), detail: detailOf(t) }, python: true, freeze: false });
      }
  });
  // Cells in another language (%%bash, %%sql, %%html, …) are not Python; %%time, %%capture, %%writefile cells are.
  if (/^\s*%%(?:sql|bash|sh|script|html|javascript|js|latex|markdown|perl|ruby|svg|R)\b/.test(src)) return;
  const python = lines.map((l) => (/^\s*[!%]/.test(l) ? '' : l)).join('\n');
  scanPython(col, python, at);
}

function applyPackage(col: Collector, name: string, ev: Evidence): void {
  const mod = moduleOfPackage(name);
  for (const { key, effect } of moduleEffects(mod)) col.apply(effect, key, ev, 'manifest');
}

/** Whether the code imports the module a package provides (`sklearn` for scikit-learn: `sklearn.metrics` counts). */
function importedIn(imported: ReadonlySet<string>, mod: string): boolean {
  if (imported.has(mod)) return true;
  for (const m of imported) if (m.startsWith(`${mod}.`) || mod.startsWith(`${m}.`)) return true;
  return false;
}

/**
 * A skill is shown by use, not by a declaration: a package a Python manifest (or `!pip install`) lists shows its skill
 * only when the code read imports it — the manifest line is then more evidence. When the budget left scripts or
 * notebooks unread, a hand-written manifest's packages still count (their imports may sit in the unread files); a
 * `pip freeze`'s never do (it lists every transitive dependency). R, Julia and JVM manifests count as before: this
 * scanner reads only Python.
 */
function settleDeclared(col: Collector, codeComplete: boolean): void {
  for (const d of col.declared) {
    const used = !d.python || importedIn(col.imported, moduleOfPackage(d.name)) || (!codeComplete && !d.freeze);
    if (used) applyPackage(col, d.name, d.ev);
  }
}

/** Packages a person rarely lists by hand: installed as dependencies of others, they mark a `pip freeze`. */
const TRANSITIVE = new Set([
  'certifi', 'urllib3', 'idna', 'charset-normalizer', 'chardet', 'six', 'python-dateutil', 'pytz', 'tzdata', 'packaging',
  'pyparsing', 'typing-extensions', 'kiwisolver', 'cycler', 'fonttools', 'contourpy', 'threadpoolctl', 'markupsafe',
  'attrs', 'wrapt', 'absl-py', 'protobuf', 'grpcio', 'filelock', 'fsspec', 'mpmath', 'sympy', 'networkx', 'pyyaml',
  'itsdangerous', 'werkzeug', 'click', 'jinja2', 'tqdm', 'regex', 'safetensors', 'huggingface-hub', 'gast', 'h5py',
  'opt-einsum', 'termcolor', 'astunparse', 'flatbuffers', 'libclang', 'ml-dtypes', 'tensorboard-data-server',
]);
/** A `pip freeze` (or `conda env export`): many entries, nearly all pinned to one version, with transitive packages. */
const FREEZE_MIN_DEPS = 15;
const FREEZE_MIN_TRANSITIVE = 3;

function isFreeze(m: Manifest): boolean {
  if ((m.kind !== 'requirements' && m.kind !== 'conda') || m.deps.length < FREEZE_MIN_DEPS) return false;
  const exact = m.deps.filter((d) => /^(?:={1,3}|@)/.test(d.spec.trim())).length;
  const transitive = m.deps.filter((d) => TRANSITIVE.has(d.name)).length;
  return exact >= 0.9 * m.deps.length && transitive >= FREEZE_MIN_TRANSITIVE;
}

/** Manifest kinds of the Python ecosystem: their packages are checked against the Python code's imports. */
const PYTHON_MANIFESTS = new Set<Manifest['kind']>(['requirements', 'pyproject', 'setup.py', 'setup.cfg', 'conda', 'pipfile']);

/** README title and opening paragraphs (not "future work" at the bottom) as (line, text) pairs. */
function readmeOpening(tree: Root): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let headings = 0;
  for (const node of tree.children.slice(0, 15) as RootContent[]) {
    if (node.type === 'heading' && ++headings > 3) break;
    if (node.type === 'heading' || node.type === 'paragraph') out.push({ line: node.position?.start.line ?? 1, text: mdToString(node) });
  }
  return out;
}

function excerpt(text: string, index: number, len: number): string {
  const start = Math.max(0, index - 40);
  const end = Math.min(text.length, index + len + 40);
  return `${start > 0 ? '…' : ''}${redactSecrets(text.slice(start, end).replace(/\s+/g, ' ').trim())}${end < text.length ? '…' : ''}`;
}

/** Skills, specialisations and project types one repo shows, each with evidence. Never throws for bad content. */
export async function extractSkills(ctx: ProbeContext): Promise<RepoSkills> {
  const col = new Collector();
  const plan = planOf(ctx);
  let read = 0;

  // Code: scripts and notebook code cells.
  for (const f of plan.code) {
    const file = await ctx.read(f.path);
    read++;
    if (!file) continue;
    if (file.cells) {
      for (const c of codeCells(file)) if (c.source.trim()) scanCell(col, f.path, c.index, c.source);
    } else scanPython(col, file.text, (line) => ({ path: f.path, line, detail: '' }));
  }

  // Python itself: any non-empty script or notebook (listing only; no read needed).
  const py = ctx.match(['**/*.py'], SKIP_GLOBS).filter((f) => f.size > 0);
  const nbs = ctx.match(['**/*.ipynb'], SKIP_GLOBS).filter((f) => f.size > 0);
  if (py.length || nbs.length) {
    // The shallowest file (then by path) is the evidence: one pass, no sort of every script.
    const first = shallowest(py.filter((f) => !f.path.endsWith('__init__.py'))) ?? shallowest(py) ?? shallowest(nbs)!;
    const parts = [py.length ? `${py.length} Python file${py.length === 1 ? '' : 's'}` : '', nbs.length ? `${nbs.length} notebook${nbs.length === 1 ? '' : 's'}` : ''];
    col.skill('python', { path: first.path, detail: `Python source (${parts.filter(Boolean).join(', ')})` });
  }

  // Dependency manifests: the manifests fact (one parser for the skills and the dependencies probes).
  const parsed = new Map((await ctx.facts.manifests()).manifests.map((m) => [m.path, m]));
  for (const f of plan.manifests) {
    read++;
    const m = parsed.get(f.path);
    if (!m) continue;
    const python = PYTHON_MANIFESTS.has(m.kind);
    const freeze = python && isFreeze(m);
    for (const d of m.deps)
      col.declared.push({ name: d.name, ev: { path: f.path, ...(d.line ? { line: d.line } : {}), detail: `dependency: ${redactSecrets(d.text)}` }, python, freeze });
  }
  settleDeclared(col, plan.codeComplete);

  // Config files that show a skill by their content, then files that show one by being there.
  const contentSignals = FILE_SIGNALS.filter((s) => s.contains).map((s) => ({ s, m: globMatcher(s.globs) }));
  for (const f of plan.configs) {
    const signals = contentSignals.filter((x) => x.m(f.path)).map((x) => x.s);
    if (!signals.length) continue;
    const file = await ctx.read(f.path);
    read++;
    if (!file) continue;
    const lines = file.text.split(/\r?\n/);
    for (const s of signals) {
      const i = lines.findIndex((l) => s.contains!.test(l));
      if (i >= 0) col.apply(s, s.label, { path: f.path, line: i + 1, detail: `${s.label}: ${detailOf(lines[i])}` }, 'file');
    }
  }
  for (const s of FILE_SIGNALS.filter((x): x is FileSignal => !x.contains)) {
    const f = shallowest(ctx.match(s.globs, SKIP_GLOBS));
    if (f) col.apply(s, s.label, { path: f.path, detail: s.label }, 'file');
  }

  // Many images under data folders hint at computer vision.
  const images = ctx.match(IMAGE_DATA_GLOB, SKIP_GLOBS);
  if (images.length >= IMAGE_DATA_MIN) {
    const first = shallowest(images)!;
    col.spec('computer-vision', 'image data', 1, { path: first.path, detail: `${images.length} image files in data folders` });
  }

  // Git: every repo with history counts; the evidence is the repo itself.
  const h = ctx.snapshot.history;
  if (ctx.snapshot.commit !== null || h.commits.length > 0) {
    const n = h.totalCount ?? h.commits.length;
    col.skill('git', { detail: `Git repository (${n} commit${n === 1 ? '' : 's'}${h.shallow || h.truncated ? ' visible' : ''})` });
  }

  // Project types named in the README's opening and the repo description (never skills).
  const readme = await ctx.readme().catch(() => null);
  if (readme) {
    for (const { line, text } of readmeOpening(readme.tree))
      for (const { re, id } of README_TYPES) {
        const m = re.exec(text);
        if (m) col.type(id, `readme:${id}`, { path: readme.path, line, detail: `README: ${excerpt(text, m.index, m[0].length)}` });
      }
  }
  const meta = ctx.snapshot.metadata;
  const about = [meta.description ?? '', ...(meta.topics ?? []).map((t) => t.replace(/-/g, ' '))].join(' · ');
  if (about.trim())
    for (const { re, id } of README_TYPES) {
      const m = re.exec(about);
      if (m) col.type(id, `about:${id}`, { detail: `repository description/topics: ${excerpt(about, m.index, m[0].length)}` });
    }

  return finish(col, { files: read, candidates: plan.candidates, truncated: plan.truncated });
}

const ranked = (hits: Map<string, Hit>): Evidence[] =>
  [...hits.values()].sort((a, b) => b.weight - a.weight || a.order - b.order).slice(0, MAX_EVIDENCE).map((h) => h.ev);

function finish(col: Collector, scanned: RepoSkills['scanned']): RepoSkills {
  const skills: RepoSkills['skills'] = {};
  for (const id of SKILL_IDS) {
    const ev = col.skills.get(id);
    if (ev?.length) skills[id] = ev.slice(0, MAX_EVIDENCE);
  }
  const specialisations: RepoSkills['specialisations'] = {};
  for (const id of SPECIALISATION_IDS) {
    const hits = col.specs.get(id);
    if (!hits) continue;
    const total = [...hits.values()].reduce((s, h) => s + h.weight, 0);
    if (total >= SPECIALISATION_AT) specialisations[id] = ranked(hits);
  }
  const cls = col.types.get('classification');
  if (specialisations['computer-vision'] && cls && !col.types.has('image-classification')) {
    col.types.set('image-classification', new Map([['derived', { weight: 1, order: 0, ev: { ...ranked(cls)[0], detail: `${ranked(cls)[0].detail} (classification on image data)` } }]]));
  }
  const projectTypes: RepoSkills['projectTypes'] = {};
  for (const id of PROJECT_TYPE_IDS) {
    const hits = col.types.get(id);
    if (hits?.size) projectTypes[id] = ranked(hits);
  }
  return { skills, specialisations, projectTypes, scanned };
}
