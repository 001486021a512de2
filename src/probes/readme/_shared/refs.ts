/**
 * File references a README makes: relative links and images (from the mdast tree), and the repo files that commands
 * in code blocks and inline code name (`python src/train.py`, `streamlit run app.py`, `pip install -r
 * requirements.txt`, `make train`, a project-structure tree). Used by the `links` check to find READMEs that describe
 * files which do not exist.
 */
import { isSortedByPath, lowerBoundPath } from '../../../sources/path-order.js';
import { filesNamed } from '../../glob-gate.js';
import type { FileEntry } from '../../../types.js';
import { inlineCodes, isAbsoluteUrl, lineAt, urls, type ReadmeView } from './blocks.js';

type RefKind = 'link' | 'image' | 'command' | 'inline' | 'tree';

export interface FileRef {
  /** The reference as written (decoded). */
  ref: string;
  line: number;
  kind: RefKind;
  /** Candidate repo paths that satisfy the reference (any one existing is enough). */
  candidates: string[];
  /** Strict references (Markdown links) must match exactly; command/tree references may match a path suffix. */
  strict: boolean;
  /** For references satisfied by any file of a kind (Makefile, Dockerfile, compose file). */
  anyBasename?: RegExp;
  /** Resolved repo path when found. */
  found?: string;
}

/** Extensions of files a README describes as code or config; data and model artifacts are often git-ignored on purpose. */
const CODE_EXT =
  /\.(py|ipynb|sh|bash|zsh|ps1|bat|r|rmd|jl|scala|java|kt|js|mjs|cjs|ts|tsx|go|rs|c|cc|cpp|h|hpp|sql|ya?ml|toml|cfg|ini|md|rst|tex|m|lua|rb|php|swift|dockerfile)$/i;
const SPECIAL_NAMES = /^(dockerfile|makefile|procfile|requirements[\w.-]*\.txt|constraints[\w.-]*\.txt|runtime\.txt|setup\.py|setup\.cfg|pyproject\.toml|environment\.ya?ml|docker-compose\.ya?ml|compose\.ya?ml)$/i;
const PLACEHOLDER = /<[^<>]*>|\{[^{}]*\}|\[[^[\]]*\]|\$|\*|%|\bpath\/to\b|\byour[\w-]*|\bxxx+|\.\.\.|^\.\.?$|^~|^\/(?!\/)|:\/\//i;

function isCodeFileName(p: string): boolean {
  const base = p.split('/').pop() ?? p;
  return CODE_EXT.test(base) || SPECIAL_NAMES.test(base);
}

/** POSIX join + normalise; returns null when the path climbs above the repo root. */
function joinPath(dir: string, rel: string): string | null {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const SHELL_LANGS = new Set(['', 'bash', 'sh', 'shell', 'console', 'zsh', 'cmd', 'bat', 'batch', 'powershell', 'ps', 'ps1', 'pwsh', 'terminal', 'shellsession', 'text', 'txt', 'none', 'plaintext', 'fish', 'sh-session', 'make', 'dockerfile']);

/** Splits a shell line into simple commands and strips prompts, sudo and env assignments. */
function commandsOf(line: string): string[][] {
  let l = line.trim();
  l = l.replace(/^(\([\w.-]+\)\s*)?([\w@.~:/-]*[$#>%]\s+)/, ''); // prompts: "$ ", "(venv) $ ", "user@host:~$ ", "> "
  l = l.replace(/^[!%]/, ''); // notebook magics: !pip, %run
  l = l.replace(/(?<!\s)\s+#.*$/, '');
  const out: string[][] = [];
  for (const part of l.split(/(?<!\s)\s*(?:&&|\|\||;|\|)\s*/)) {
    let toks = part.trim().split(/\s+/).filter(Boolean);
    while (toks.length && (/^[A-Z_][A-Z0-9_]*=/.test(toks[0]!) || /^(sudo|time|nohup|exec|env|run)$/.test(toks[0]!))) toks = toks.slice(1);
    toks = toks.map((t) => t.replace(/^["'`]|["'`,;]$/g, ''));
    if (toks.length) out.push(toks);
  }
  return out;
}

const PY = /^(python[\d.]*|py|python3?\.exe)$/i;

/** Files that one simple command names. `cwd` is the directory `cd` moved to (repo-relative). */
function refsOfCommand(toks: string[], cwd: string, exists: (p: string) => boolean): Array<Omit<FileRef, 'line' | 'kind'>> {
  const out: Array<Omit<FileRef, 'line' | 'kind'>> = [];
  const cmd = toks[0]!.toLowerCase();
  const args = toks.slice(1);
  const file = (ref: string): void => {
    const r = ref.replace(/^\.\//, '').replace(/\\/g, '/');
    if (!r || PLACEHOLDER.test(r)) return;
    out.push({ ref: r, candidates: [joinPath(cwd, r) ?? r, r], strict: false });
  };
  const firstArg = (pred: (a: string) => boolean): string | undefined => args.find((a) => !a.startsWith('-') && pred(a));
  const optionValue = (names: string[]): string | undefined => {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      for (const n of names) {
        if (a === n && args[i + 1]) return args[i + 1];
        if (a.startsWith(n + '=')) return a.slice(n.length + 1);
      }
    }
    return undefined;
  };
  const moduleRef = (mod: string): void => {
    if (PLACEHOLDER.test(mod) || !/^[\w.]+$/.test(mod)) return;
    const segs = mod.split('.');
    const top = segs[0]!;
    // Only check modules whose top-level package is in the repo; anything else may be an installed package.
    const roots = ['', 'src/', cwd ? cwd + '/' : ''];
    const inRepo = roots.some((r) => exists(r + top) || exists(r + top + '.py'));
    if (!inRepo) {
      if (segs.length === 1) return;
      if (!['src', 'app', 'scripts', 'api', 'model', 'models', 'pipeline', 'training', 'inference'].includes(top)) return;
    }
    const base = segs.join('/');
    const candidates = roots.flatMap((r) => [r + base + '.py', r + base + '/__main__.py', r + base + '/__init__.py']);
    out.push({ ref: mod, candidates: [...new Set(candidates)], strict: true });
  };
  if (PY.test(cmd)) {
    const m = args.indexOf('-m');
    if (m >= 0 && args[m + 1]) {
      const mod = args[m + 1]!;
      if (/^(streamlit)$/.test(mod) && args[m + 2] === 'run' && args[m + 3]) file(args[m + 3]!);
      else if (!/^(pip|venv|virtualenv|pytest|unittest|http\.server|spacy|nltk|ipykernel|jupyter|notebook|black|flake8|mypy|pylint|isort|build|twine|uvicorn|gunicorn|flask|mlflow|tensorboard|torch\.distributed\..*|pip3|ensurepip|json\.tool|site|poetry|pipx|pre_commit|ruff|coverage)$/.test(mod))
        moduleRef(mod);
    } else {
      const script = firstArg((a) => /\.py$/i.test(a));
      if (script) file(script);
    }
  } else if (cmd === 'streamlit' && args[0] === 'run' && args[1]) file(args[1]);
  else if (cmd === 'gradio' && args[0] && /\.py$/i.test(args[0])) file(args[0]);
  else if (/^(uvicorn|gunicorn|hypercorn|waitress-serve)$/.test(cmd)) {
    const app = firstArg((a) => /^[\w.]+:[\w.()]+$/.test(a));
    if (app) {
      const mod = app.split(':')[0]!;
      const segs = mod.split('.');
      const base = segs.join('/');
      const roots = ['', 'src/', cwd ? cwd + '/' : ''];
      out.push({ ref: mod, candidates: [...new Set(roots.flatMap((r) => [r + base + '.py', r + base + '/__init__.py']))], strict: false });
    }
  } else if (/^(jupyter|voila|papermill|ipython)$/.test(cmd)) {
    for (const a of args) if (/\.(ipynb|py)$/i.test(a) && !a.startsWith('-')) file(a);
  } else if (/^(pip3?|uv)$/.test(cmd)) {
    const req = optionValue(['-r', '--requirement', '-c', '--constraint']);
    if (req) file(req);
  } else if (/^(conda|mamba|micromamba)$/.test(cmd) && args[0] === 'env') {
    const f = optionValue(['-f', '--file']);
    if (f) file(f);
  } else if (/^(bash|sh|zsh|source|\.)$/.test(cmd)) {
    const s = firstArg((a) => /\.(sh|bash)$/i.test(a));
    if (s && !/activate/.test(s)) file(s);
  } else if (/^\.\/[\w./-]+\.(sh|py)$/i.test(toks[0]!)) file(toks[0]!);
  else if (cmd === 'rscript') {
    const s = firstArg((a) => /\.r$/i.test(a));
    if (s) file(s);
  } else if (cmd === 'make') {
    const f = optionValue(['-f', '--file']);
    if (f) file(f);
    else out.push({ ref: 'Makefile', candidates: [joinPath(cwd, 'Makefile') ?? 'Makefile', 'Makefile', 'makefile', 'GNUmakefile'], strict: false, anyBasename: /^(gnu)?makefile$/i });
  } else if (cmd === 'docker' || cmd === 'docker-compose' || cmd === 'podman') {
    const compose = cmd === 'docker-compose' || args[0] === 'compose';
    if (compose) {
      const f = optionValue(['-f', '--file']);
      if (f) file(f);
      else if (args.some((a) => /^(up|build|run|start)$/.test(a)))
        out.push({ ref: 'docker-compose.yml', candidates: ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'], strict: false, anyBasename: /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/i });
    } else if (args[0] === 'build') {
      const f = optionValue(['-f', '--file']);
      if (f) file(f);
      else out.push({ ref: 'Dockerfile', candidates: ['Dockerfile'], strict: false, anyBasename: /^(dockerfile(\.[\w.-]+)?|[\w.-]+\.dockerfile)$/i });
    }
  }
  // Config files passed as arguments: `--config configs/train.yaml`.
  if (!/^(git|curl|wget|cd|echo|cat|export|set|mkdir|cp|mv|rm|ls|touch|chmod|kaggle|gsutil|aws|gcloud|az|heroku|dvc)$/.test(cmd)) {
    const already = new Set(out.map((o) => o.ref));
    for (const a of args) {
      const v = a.includes('=') && a.startsWith('-') ? a.slice(a.indexOf('=') + 1) : a;
      if (v.startsWith('-') || !v.includes('/') || !/\.(ya?ml|toml|json|cfg|ini|py)$/i.test(v) || /\.json$/i.test(v)) continue;
      const r = v.replace(/^\.\//, '');
      if (!already.has(r) && !PLACEHOLDER.test(r)) out.push({ ref: r, candidates: [joinPath(cwd, r) ?? r, r], strict: false });
    }
  }
  return out;
}

function baseName(p: string): string {
  return (p.split('/').pop() ?? p).toLowerCase();
}

/** Base names of files a command creates: wget/curl downloads, cp/mv/touch targets, redirections. */
function createdBy(toks: string[]): string[] {
  const cmd = toks[0]!.toLowerCase();
  const out: string[] = [];
  const urlBase = (u: string): string | null => {
    try {
      const b = new URL(u).pathname.split('/').pop();
      return b ? b.toLowerCase() : null;
    } catch {
      return null;
    }
  };
  if (cmd === 'wget' || cmd === 'curl') {
    for (let i = 1; i < toks.length; i++) {
      const t = toks[i]!;
      if ((t === '-O' && cmd === 'wget') || t === '-o' || t === '--output' || t === '--output-document') {
        if (toks[i + 1] && !toks[i + 1]!.startsWith('-')) out.push(baseName(toks[i + 1]!));
      }
      if (/^https?:\/\//.test(t)) {
        const b = urlBase(t);
        if (b) out.push(b);
      }
    }
  } else if (/^(cp|mv|touch|ln)$/.test(cmd) && toks.length > 1) out.push(baseName(toks[toks.length - 1]!));
  const redirect = toks.indexOf('>');
  if (redirect >= 0 && toks[redirect + 1]) out.push(baseName(toks[redirect + 1]!));
  return out;
}

const COMMAND_START = /^(python[\d.]*|py|streamlit|gradio|uvicorn|gunicorn|hypercorn|jupyter|voila|papermill|pip3?|conda|mamba|bash|sh|rscript|make|docker|docker-compose)\b/i;

/** Folders of code a project tree may list: each one must hold some file (never data, models, outputs or logs). */
const CODE_DIRS = /^(?:src|app|api|backend|frontend|notebooks|scripts|templates|static|pipelines?|training|serving|server|utils|services|components)$/i;

/** Box-drawing project trees: `├── src/`, `│   └── train.py`. Returns file paths (directories joined) and code folders (`dir`). */
function treePaths(text: string): Array<{ path: string; offset: number; dir?: boolean }> {
  const out: Array<{ path: string; offset: number; dir?: boolean }> = [];
  const stack: Array<{ col: number; name: string }> = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const lineOffset = offset;
    offset += raw.length + 1;
    const m = /^([\s│|┃]*)(├──|└──|├─|└─|\|--|`--|\+--|│──|┣━━|┗━━)\s*(.+)$/.exec(raw);
    if (!m) continue;
    const col = m[1]!.replace(/\t/g, '    ').length;
    let name = m[3]!.replace(/(?<!\s)\s+(#|<-|←|--|—|–|:).*$/, '').trim();
    name = name.replace(/[`*]/g, '').trim();
    while (stack.length && stack[stack.length - 1]!.col >= col) stack.pop();
    if (!name || /\s/.test(name) || PLACEHOLDER.test(name)) {
      // A placeholder directory ({{ cookiecutter.module_name }}): its children cannot be checked either.
      stack.push({ col, name: '\u0000' });
      continue;
    }
    const parent = stack.map((s) => s.name.replace(/\/$/, '')).join('/');
    const isFile = !name.endsWith('/') && (/\.[\w]+$/.test(name) || SPECIAL_NAMES.test(name)) && !/^\.[\w-]+$/.test(name);
    if (!isFile) {
      // A code folder the tree lists (`├── src/`) is a claim too; data, model and output folders are often git-ignored.
      const bare = name.replace(/\/$/, '');
      if (CODE_DIRS.test(bare) && !parent.includes('\u0000')) out.push({ path: `${parent ? `${parent}/` : ''}${bare}/`, offset: lineOffset, dir: true });
      stack.push({ col, name });
      continue;
    }
    if (parent.includes('\u0000')) continue;
    const full = parent ? `${parent}/${name}` : name;
    out.push({ path: full, offset: lineOffset });
  }
  return out;
}

/** A code folder a project tree lists: it exists as written, or under the tree's root folder name (`myproj/src/`). */
function treeDirRef(path: string, line: number): FileRef {
  const candidates = [path];
  if (path.indexOf('/') < path.length - 1) candidates.push(path.slice(path.indexOf('/') + 1));
  return { ref: path, line, kind: 'tree', candidates, strict: true };
}

interface RepoIndex {
  exists(path: string): boolean;
  /** A file whose path ends with `/ref` (or equals it), case-insensitive; null when none. */
  suffix(ref: string): string | null;
  /** A file whose base name matches. */
  basename(re: RegExp): string | null;
}

const indexCache = new WeakMap<FileEntry[], RepoIndex>();

/** Path lookups over a file list, built once per list. */
export function repoIndex(files: FileEntry[]): RepoIndex {
  let idx = indexCache.get(files);
  if (!idx) {
    idx = buildIndex(files);
    indexCache.set(files, idx);
  }
  return idx;
}


/**
 * Whether a file or a folder exists. Sources list files sorted by path, so a binary search answers both (a folder
 * exists when some path starts with "folder/"); an unsorted list gets sets of its files and folders instead.
 */
function existence(files: FileEntry[]): (p: string) => boolean {
  if (isSortedByPath(files)) {
    return (p) => {
      // "folder/" names a folder only; "name" a file or a folder.
      const folderOnly = p.endsWith('/');
      if (folderOnly) p = p.slice(0, -1);
      const i = lowerBoundPath(files, p);
      if (!folderOnly && i < files.length && files[i].path === p) return true;
      const dir = p + '/';
      const j = lowerBoundPath(files, dir);
      return j < files.length && files[j].path.startsWith(dir);
    };
  }
  const fileSet = new Set<string>();
  const dirSet = new Set<string>();
  for (const f of files) {
    fileSet.add(f.path);
    for (let i = f.path.lastIndexOf('/'); i > 0; i = f.path.lastIndexOf('/', i - 1)) {
      const d = f.path.slice(0, i);
      if (dirSet.has(d)) break;
      dirSet.add(d);
    }
  }
  return (p) => (p.endsWith('/') ? dirSet.has(p.slice(0, -1)) : fileSet.has(p) || dirSet.has(p));
}

function buildIndex(files: FileEntry[]): RepoIndex {
  let has: ((p: string) => boolean) | undefined;
  return {
    exists: (p) => p === '' || (has ??= existence(files))(p),
    suffix(ref) {
      const r = ref.replace(/^\.\//, '').replace(/\/$/, '').toLowerCase();
      const base = r.split('/').pop() ?? r;
      for (const p of filesNamed(files, base)) {
        const lp = p.toLowerCase();
        if (lp === r || lp.endsWith('/' + r)) return p;
      }
      return null;
    },
    basename(re) {
      for (const f of files) if (re.test(f.path.slice(f.path.lastIndexOf('/') + 1).toLowerCase())) return f.path;
      return null;
    },
  };
}

/** Collects the README's file references. */
export function fileRefs(view: ReadmeView, index: RepoIndex): FileRef[] {
  const dir = view.doc.path.includes('/') ? view.doc.path.slice(0, view.doc.path.lastIndexOf('/')) : '';
  const refs: FileRef[] = [];
  // 1. Relative links and images.
  for (const u of urls(view)) {
    let url = u.url.trim().replace(/^<|>$/g, '').replace(/^['"]|['"]$/g, '');
    if (!url || url.startsWith('#') || isAbsoluteUrl(url) || /^(mailto|tel|data|javascript):/i.test(url)) continue;
    url = url.replace(/[?#].*$/, '');
    if (!url) continue;
    const decoded = safeDecode(url);
    const resolved = decoded.startsWith('/') ? joinPath('', decoded) : joinPath(dir, decoded);
    if (resolved === null) continue; // climbs out of the repo: GitHub pages like ../../issues
    const kind: RefKind = u.kind === 'image' || u.kind === 'html-image' ? 'image' : 'link';
    refs.push({ ref: decoded, line: u.line, kind, candidates: [resolved], strict: true });
  }
  // 2. Commands in code blocks, inline code and plain-text command lines; 3. project trees.
  for (const b of view.blocks) {
    if (b.kind === 'code') {
      if (/[├└]|\|--|`--/.test(b.text)) {
        for (const t of treePaths(b.text)) {
          if (t.dir) {
            refs.push(treeDirRef(t.path, lineAt(b, t.offset)));
            continue;
          }
          if (!isCodeFileName(t.path) || PLACEHOLDER.test(t.path)) continue;
          refs.push({ ref: t.path, line: lineAt(b, t.offset), kind: 'tree', candidates: [t.path], strict: false });
        }
        continue;
      }
      const shell = SHELL_LANGS.has(b.lang ?? '');
      let cwd = '';
      const created = new Set<string>();
      let offset = 0;
      for (const raw of b.text.split('\n')) {
        const lineNo = lineAt(b, offset);
        offset += raw.length + 1;
        const trimmed = raw.trim();
        if (!shell && !/^[!%]/.test(trimmed)) continue;
        for (const toks of commandsOf(trimmed)) {
          if (toks[0] === 'cd' && toks[1]) {
            const target = joinPath(cwd, toks[1].replace(/^["']|["']$/g, ''));
            cwd = target !== null && index.exists(target) ? target : '';
            continue;
          }
          for (const c of createdBy(toks)) created.add(c);
          for (const r of refsOfCommand(toks, cwd, index.exists)) {
            // Files an earlier line downloads or writes (wget ...sh; bash ...sh) are not repo files.
            if (created.has(baseName(r.ref))) continue;
            refs.push({ ...r, line: lineNo, kind: 'command' });
          }
        }
      }
      continue;
    }
    if (b.kind === 'paragraph' || b.kind === 'html') {
      if (/[├└]/.test(b.text)) {
        for (const t of treePaths(b.text)) {
          if (t.dir) {
            refs.push(treeDirRef(t.path, lineAt(b, t.offset)));
            continue;
          }
          if (!isCodeFileName(t.path) || PLACEHOLDER.test(t.path)) continue;
          refs.push({ ref: t.path, line: lineAt(b, t.offset), kind: 'tree', candidates: [t.path], strict: false });
        }
      }
      const codes = inlineCodes(b);
      const spacedCodes = codes.map((c) => c.value).filter((c) => c.includes(' '));
      for (const ic of codes) {
        const v = ic.value.trim();
        if (/\s/.test(v)) {
          for (const toks of commandsOf(v)) {
            if (!COMMAND_START.test(toks[0]!)) continue;
            for (const r of refsOfCommand(toks, '', index.exists)) refs.push({ ...r, line: ic.line, kind: 'inline' });
          }
        } else if (isCodeFileName(v) && !PLACEHOLDER.test(v) && !/^[\w-]+\.[\w-]+\(/.test(v) && !/^\.[\w]+$/.test(v)) {
          const r = v.replace(/^\.\//, '');
          // A bare dotted identifier such as `model.fit` or `np.mean` is code, not a file.
          if (!r.includes('/') && !/\.(py|ipynb|sh|r|ya?ml|toml|cfg|txt|md|sql|ini)$/i.test(r) && !SPECIAL_NAMES.test(r)) continue;
          refs.push({ ref: r, line: ic.line, kind: 'inline', candidates: [joinPath(dir, r) ?? r, r], strict: false });
        }
      }
      // Plain-text command lines ("2. Train the model:\n   python src/train.py").
      let offset = 0;
      for (const raw of b.text.split('\n')) {
        const lineNo = lineAt(b, offset);
        offset += raw.length + 1;
        const t = raw.trim().replace(/^(\d+[.)]|[-*•])\s+/, '');
        if (!COMMAND_START.test(t)) continue;
        if (spacedCodes.some((c) => t.includes(c))) continue; // already read as inline code
        for (const toks of commandsOf(t)) for (const r of refsOfCommand(toks, '', index.exists)) refs.push({ ...r, line: lineNo, kind: 'command' });
      }
    }
  }
  return refs;
}

/** Marks each reference found or not. */
export function resolveRefs(refs: FileRef[], index: RepoIndex): FileRef[] {
  for (const r of refs) {
    const exact = r.candidates.find((c) => index.exists(c));
    if (exact !== undefined) {
      r.found = exact;
      continue;
    }
    if (r.strict) continue;
    if (r.anyBasename) {
      const f = index.basename(r.anyBasename);
      if (f) r.found = f;
      continue;
    }
    const tries = [r.ref, ...r.candidates];
    if (r.kind === 'tree' && r.ref.includes('/')) tries.push(r.ref.slice(r.ref.indexOf('/') + 1));
    for (const c of tries) {
      const f = index.suffix(c);
      if (f) {
        r.found = f;
        break;
      }
    }
  }
  return refs;
}
