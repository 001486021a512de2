/**
 * Small, forgiving parsers for dependency manifests: requirements*.txt, pyproject.toml (PEP 621 and Poetry),
 * setup.py / setup.cfg install_requires, conda environment.yml, Pipfile, R DESCRIPTION, Julia Project.toml, Maven
 * pom.xml, Gradle build.gradle(.kts).
 * Only the subset needed to list dependency names and whether each has a version constraint. Never throws.
 */
import yaml from 'js-yaml';

type ManifestKind =
  | 'requirements'
  | 'pyproject'
  | 'setup.py'
  | 'setup.cfg'
  | 'conda'
  | 'pipfile'
  | 'r-description'
  | 'julia-project'
  | 'maven'
  | 'gradle';

export interface Dependency {
  /** Normalised name (lower case, runs of `-_.` turned into `-`). */
  name: string;
  /** The constraint as written ("==1.2", "^2.0", ">= 1.0"), or "" when none. */
  spec: string;
  /** True when the dependency has any version constraint (or is pinned to a commit / local path). */
  pinned: boolean;
  /** 1-based line in the manifest, when known. */
  line?: number;
  /** The entry as written in the manifest (trimmed, comment dropped, at most 120 characters): evidence quotes it. */
  text: string;
}

export interface Manifest {
  path: string;
  kind: ManifestKind;
  deps: Dependency[];
}

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** Names that are the language or the installer itself, never counted as dependencies. */
const NOT_DEPS = new Set(['python', 'pip', 'r', 'julia']);

/** Longest `text` kept for an entry. */
const MAX_TEXT = 120;
const asWritten = (s: string): string => s.trim().slice(0, MAX_TEXT);

const lineOf = (lines: string[], needle: string, from = 0): number | undefined => {
  const n = needle.toLowerCase();
  for (let i = from; i < lines.length; i++) if (lines[i]!.toLowerCase().includes(n)) return i + 1;
  return undefined;
};

/** One PEP 508 requirement ("pandas>=2.0; python_version>'3.8'", "torch @ https://…", "-e git+…#egg=x"). */
export function parseRequirement(raw: string): Omit<Dependency, 'line'> | null {
  let s = raw.replace(/(?<!\s)\s+#.*$/, '').replace(/^#.*$/, '').trim();
  if (!s) return null;
  const text = asWritten(s);
  s = s.replace(/\s--hash[= ]\S+/g, '').replace(/\\$/, '').trim();
  if (s.startsWith('-e ') || s.startsWith('--editable')) s = s.replace(/^(-e|--editable)[= ]\s*/, '');
  else if (s.startsWith('-')) return null; // -r, -c, --index-url, --find-links …
  if (/^(git\+|hg\+|svn\+|bzr\+|https?:|file:|\.{0,2}\/)/.test(s)) {
    const egg = /#egg=([A-Za-z0-9._-]+)/.exec(s);
    const name = egg?.[1] ?? /([A-Za-z0-9._-]+?)(\.git)?(@[^/#]*)?(#.*)?$/.exec(s)?.[1];
    if (!name || /^\.*$/.test(name)) return null;
    return { name: normaliseName(name), spec: s, pinned: /@[^/]+$/.test(s.replace(/#.*$/, '')) || /^(file:|\.{0,2}\/)/.test(s), text };
  }
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(s);
  if (!m) return null;
  let spec = (m[3] ?? '').split(';')[0]!.trim();
  if (spec.startsWith('@')) return { name: normaliseName(m[1]!), spec, pinned: true, text };
  spec = spec.replace(/^\(|\)$/g, '').trim();
  return { name: normaliseName(m[1]!), spec, pinned: /(===|==|~=|!=|<=|>=|<|>)\s*\S/.test(spec) || /^=\s*\d/.test(spec), text };
}

export function parseRequirementsTxt(text: string): Dependency[] {
  const out: Dependency[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const d = parseRequirement(l);
    if (d) out.push({ ...d, line: i + 1 });
  });
  return out;
}

/**
 * A very small TOML reader: table headers, `key = value` with strings, inline tables kept as raw text, and arrays
 * of strings (possibly spanning lines). Enough for dependency tables; anything else is ignored.
 */
interface TomlEntry {
  table: string;
  key: string;
  /** string value, array of strings, or raw text (inline table / number / bool) */
  value: string | string[] | { raw: string };
  line: number;
  /** For an array: the physical line of each of its strings. */
  lines?: number[];
  /** The first physical line of the entry, trimmed, trailing comment dropped. */
  text: string;
}

function unquote(s: string): string {
  const t = s.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

function stringsIn(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? '');
  return out;
}

function readTomlEntries(text: string): TomlEntry[] {
  const lines = text.split(/\r?\n/);
  const out: TomlEntry[] = [];
  let table = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/^\s+/, '');
    if (!line || line.startsWith('#')) continue;
    const h = /^\[\[?\s*([^\]]*[^\]\s])\s*\]\]?\s*(#.*)?$/.exec(line);
    if (h) {
      table = h[1]!.split('.').map((p) => unquote(p)).join('.');
      continue;
    }
    const kv = /^("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = unquote(kv[1]!);
    let rest = kv[2]!.trim();
    const startLine = i + 1;
    if (rest.startsWith('[')) {
      // collect until brackets balance (ignoring brackets inside strings: extras like "pkg[extra]")
      // Each string with the physical line it is on (a dependency's evidence points at its own line).
      const strings: string[] = [];
      const at: number[] = [];
      const collect = (text: string, lineNo: number): void => {
        if (/^\s*#/.test(text)) return;
        for (const str of stringsIn(text)) {
          strings.push(str);
          at.push(lineNo);
        }
      };
      const depth = (s: string): number => {
        const noStr = s.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '').replace(/#.*$/gm, '');
        return (noStr.match(/\[/g)?.length ?? 0) - (noStr.match(/\]/g)?.length ?? 0);
      };
      // Counted line by line as lines are added: recounting the whole buffer would grow with its square.
      collect(rest, startLine);
      for (let d = depth(rest); d > 0 && i + 1 < lines.length; ) {
        const next = lines[++i]!;
        collect(next, i + 1);
        d += depth(next);
      }
      out.push({ table, key, value: strings, lines: at, line: startLine, text: asWritten(line) });
      continue;
    }
    if (rest.startsWith('{')) {
      let buf = rest;
      for (let closed = buf.includes('}'); !closed && i + 1 < lines.length; ) {
        const next = lines[++i]!.trim();
        buf += ' ' + next;
        closed = next.includes('}');
      }
      out.push({ table, key, value: { raw: buf }, line: startLine, text: asWritten(line.replace(/(?<!\s)\s+#.*$/, '')) });
      continue;
    }
    rest = rest.replace(/(?<!\s)\s+#.*$/, '');
    out.push({ table, key, value: /^["']/.test(rest) ? unquote(rest) : { raw: rest }, line: startLine, text: asWritten(`${kv[1]!} = ${rest}`) });
  }
  return out;
}

/** A Poetry / Pipfile style entry: `name = "^1.2"` or `name = { version = "…", git = "…", rev = "…" }`. */
function tableStyleDep(e: TomlEntry): Dependency | null {
  const name = normaliseName(e.key);
  if (NOT_DEPS.has(name)) return null;
  if (typeof e.value === 'string') {
    const spec = e.value.trim();
    return { name, spec, pinned: spec !== '' && spec !== '*', line: e.line, text: e.text };
  }
  if (Array.isArray(e.value)) return { name, spec: '', pinned: false, line: e.line, text: e.text };
  const raw = e.value.raw;
  const version = /\bversion\s*=\s*["']([^"']*)["']/.exec(raw)?.[1];
  if (version !== undefined) return { name, spec: version, pinned: version !== '' && version !== '*', line: e.line, text: e.text };
  if (/\b(rev|tag|path)\s*=/.test(raw)) return { name, spec: raw, pinned: true, line: e.line, text: e.text };
  return { name, spec: raw, pinned: false, line: e.line, text: e.text };
}

export function parsePyproject(text: string): Dependency[] {
  const out: Dependency[] = [];
  for (const e of readTomlEntries(text)) {
    const pep621 =
      (e.table === 'project' && e.key === 'dependencies') ||
      e.table === 'project.optional-dependencies' ||
      e.table === 'dependency-groups' ||
      (e.table === 'tool.uv' && e.key === 'dev-dependencies') ||
      e.table === 'tool.pdm.dev-dependencies';
    if (pep621 && Array.isArray(e.value)) {
      e.value.forEach((s, k) => {
        const d = parseRequirement(s);
        if (d && !NOT_DEPS.has(d.name)) out.push({ ...d, line: e.lines?.[k] ?? e.line });
      });
      continue;
    }
    if (/^tool\.poetry\.(dependencies|dev-dependencies|group\.[^.]+\.dependencies)$/.test(e.table)) {
      const d = tableStyleDep(e);
      if (d) out.push(d);
    }
  }
  return out;
}

export function parsePipfile(text: string): Dependency[] {
  const out: Dependency[] = [];
  for (const e of readTomlEntries(text)) {
    if (e.table !== 'packages' && e.table !== 'dev-packages') continue;
    const d = tableStyleDep(e);
    if (d) out.push(d);
  }
  return out;
}

/** Julia Project.toml: [deps] lists names; a dependency is constrained when [compat] names it. */
export function parseJuliaProject(text: string): Dependency[] {
  const entries = readTomlEntries(text);
  const compat = new Map<string, string>();
  for (const e of entries) if (e.table === 'compat' && typeof e.value === 'string') compat.set(e.key, e.value);
  return entries
    .filter((e) => e.table === 'deps')
    .map((e) => {
      const spec = compat.get(e.key) ?? '';
      return { name: normaliseName(e.key), spec, pinned: spec !== '', line: e.line, text: e.text };
    });
}

/**
 * setup.py: string literals inside `install_requires=[…]`, and inside the lists of `extras_require={…}` (optional
 * dependencies, like pyproject's `[project.optional-dependencies]`; the dict's keys are not packages). A variable read
 * from requirements.txt gives nothing. One pass over the characters from each block: linear on any input.
 */
export function parseSetupPy(text: string): Dependency[] {
  const out: Dependency[] = [];
  let end = 0; // a block that starts inside the previous one was read with it
  for (const m of text.matchAll(/\b(install_requires|extras_require)\s*=\s*[[{]/g)) {
    if (m.index < end) continue;
    // Strings at this bracket depth or deeper are requirements: the list itself, or the lists inside the extras dict.
    const wanted = m[1] === 'install_requires' ? 1 : 2;
    let line = text.slice(0, m.index).split('\n').length;
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < text.length && depth > 0; i++) {
      const ch = text[i]!;
      if (ch === '\n') line++;
      else if (ch === '"' || ch === "'") {
        const from = i + 1;
        let j = from;
        while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
        if (depth >= wanted && text[j] === ch) {
          const d = parseRequirement(text.slice(from, j));
          if (d && !NOT_DEPS.has(d.name)) out.push({ ...d, line });
        }
        i = text[j] === ch ? j : j - 1;
      } else if (ch === '[' || ch === '{' || ch === '(') depth++;
      else if (ch === ']' || ch === '}' || ch === ')') depth--;
      else if (ch === '#') while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    }
    end = i;
  }
  return out;
}

/** setup.cfg: `[options]` `install_requires =` followed by indented lines (or `;`-separated on one line). */
export function parseSetupCfg(text: string): Dependency[] {
  const lines = text.split(/\r?\n/);
  const out: Dependency[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const h = /^\s*\[([^\]]+)\]/.exec(l);
    if (h) {
      section = h[1]!.trim();
      continue;
    }
    if (section !== 'options') continue;
    const kv = /^install_requires\s*[=:]\s*(.*)$/.exec(l);
    if (!kv) continue;
    const first = kv[1]!.trim();
    const push = (s: string, line: number): void => {
      for (const part of s.split(/;(?=\s*[A-Za-z])/)) {
        const d = parseRequirement(part);
        if (d && !NOT_DEPS.has(d.name)) out.push({ ...d, line });
      }
    };
    if (first) push(first, i + 1);
    while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1]!)) {
      i++;
      const d = parseRequirement(lines[i]!.trim());
      if (d && !NOT_DEPS.has(d.name)) out.push({ ...d, line: i + 1 });
    }
  }
  return out;
}

/** Conda environment.yml: `name=1.2`, `name>=1`, `channel::name`, and a nested `pip:` list. */
export function parseCondaEnv(text: string): Dependency[] {
  let doc: unknown;
  try {
    doc = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch {
    return [];
  }
  const deps = (doc as { dependencies?: unknown } | null)?.dependencies;
  if (!Array.isArray(deps)) return [];
  const lines = text.split(/\r?\n/);
  const out: Dependency[] = [];
  for (const d of deps) {
    if (typeof d === 'string') {
      const s = d.replace(/^[^:\s]+::/, '').trim();
      const m = /^([A-Za-z0-9_][A-Za-z0-9._-]*)\s*(.*)$/.exec(s);
      if (!m) continue;
      const name = normaliseName(m[1]!);
      if (NOT_DEPS.has(name)) continue;
      const spec = m[2]!.trim();
      out.push({ name, spec, pinned: spec !== '' && spec !== '*', line: lineOf(lines, d), text: asWritten(d) });
    } else if (d && typeof d === 'object' && Array.isArray((d as { pip?: unknown }).pip)) {
      for (const p of (d as { pip: unknown[] }).pip) {
        if (typeof p !== 'string') continue;
        const r = parseRequirement(p);
        if (r && !NOT_DEPS.has(r.name)) out.push({ ...r, line: lineOf(lines, p) });
      }
    }
  }
  return out;
}

/** R package DESCRIPTION: Depends and Imports fields, "pkg (>= 1.0)". */
export function parseRDescription(text: string): Dependency[] {
  const lines = text.split(/\r?\n/);
  const out: Dependency[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(Depends|Imports|LinkingTo):\s*(.*)$/.exec(lines[i]!);
    if (!m) continue;
    let body = m[2]!;
    const start = i + 1;
    while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1]!)) body += ' ' + lines[++i]!.trim();
    for (const part of body.split(',')) {
      const p = /^\s*([A-Za-z][A-Za-z0-9.]*)\s*(\(([^)]*)\))?/.exec(part);
      if (!p) continue;
      const name = normaliseName(p[1]!);
      if (NOT_DEPS.has(name)) continue;
      const spec = (p[3] ?? '').trim();
      out.push({ name, spec, pinned: spec !== '', line: lineOf(lines, p[1]!, start - 1) ?? start, text: asWritten(part) });
    }
  }
  return out;
}

/** The text between each `open` and the next `close` (indexOf scans: linear on any input). */
function spans(text: string, open: string, close: string): Array<{ body: string; at: number }> {
  const out: Array<{ body: string; at: number }> = [];
  let i = text.indexOf(open);
  while (i >= 0) {
    const end = text.indexOf(close, i + open.length);
    if (end < 0) break;
    out.push({ body: text.slice(i + open.length, end), at: i });
    i = text.indexOf(open, end + close.length);
  }
  return out;
}

/** XML comments blanked (same length, so offsets keep their lines). */
function withoutXmlComments(text: string): string {
  let out = '';
  let from = 0;
  for (let i = text.indexOf('<!--'); i >= 0; i = text.indexOf('<!--', from)) {
    const end = text.indexOf('-->', i + 4);
    const stop = end < 0 ? text.length : end + 3;
    out += text.slice(from, i) + text.slice(i, stop).replace(/[^\n]/g, ' ');
    from = stop;
  }
  return out + text.slice(from);
}

const xmlField = (body: string, tag: string): string => {
  const m = new RegExp(`<${tag}>([^<]{1,200})</${tag}>`).exec(body);
  return m ? m[1]!.trim() : '';
};

/**
 * Maven pom.xml: every `<dependency>`, named by its artifactId. A version counts as a constraint (a property
 * `${…}` too: the pom defines it), except the floating LATEST / RELEASE; a dependency without one is constrained
 * when the pom inherits managed versions (a `<parent>`, a `<dependencyManagement>` section or an imported BOM).
 */
export function parseMavenPom(text: string): Dependency[] {
  const xml = withoutXmlComments(text);
  const managed = /<parent>|<dependencyManagement>/.test(xml);
  // Lines counted from one dependency to the next (the spans come in order): one pass over the text.
  let line = 1;
  let counted = 0;
  const lineAt = (at: number): number => {
    for (let i = xml.indexOf('\n', counted); i >= 0 && i < at; i = xml.indexOf('\n', i + 1)) line++;
    counted = at;
    return line;
  };
  const out: Dependency[] = [];
  for (const { body, at } of spans(xml, '<dependency>', '</dependency>')) {
    const artifact = xmlField(body, 'artifactId');
    if (!artifact) continue;
    const group = xmlField(body, 'groupId');
    const version = xmlField(body, 'version');
    const floating = /^(LATEST|RELEASE)$/i.test(version);
    const spec = version ? `:${version}` : managed ? ' (version managed)' : '';
    const coords = [group, artifact, version].filter(Boolean).join(':');
    out.push({ name: normaliseName(artifact), spec, pinned: (version !== '' && !floating) || (!version && managed), line: lineAt(at), text: asWritten(coords) });
  }
  return out;
}

const gradleSpec = (v: string, managed: boolean): string => (v ? `:${v}` : managed ? ' (version managed)' : '');

/** A Gradle configuration that declares a dependency, then its notation (bounded: linear). */
const GRADLE_DEP =
  /^\s*(?:implementation|api|compile|compileOnly|runtimeOnly|runtime|testImplementation|testCompile|testRuntimeOnly|androidTestImplementation|debugImplementation|releaseImplementation|kapt|ksp|annotationProcessor)\b\s*\(?\s*(.{1,300})$/;

/**
 * Gradle build.gradle / build.gradle.kts: `implementation 'group:name:version'` (or `("…")`), the map notation
 * (`group: 'g', name: 'n', version: 'v'`) and version-catalog references (`libs.x.y`: the catalog holds the versions).
 * A `group:name` string without a version is constrained only when versions are managed (a `platform(…)` BOM or the
 * Spring dependency-management plugin). Project and file dependencies are not counted.
 */
export function parseGradle(text: string): Dependency[] {
  const managed = /\bplatform\s*\(|io\.spring\.dependency-management|org\.springframework\.boot/.test(text);
  const out: Dependency[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = GRADLE_DEP.exec(raw);
    if (!m) return;
    const rest = m[1]!.trim();
    if (/^(?:project|files|fileTree|platform|enforcedPlatform|gradleApi|kotlin)\s*\(/.test(rest)) return;
    const text = asWritten(raw);
    const catalog = /^libs\.([\w.]{1,150})/.exec(rest);
    if (catalog) {
      out.push({ name: normaliseName(catalog[1]!), spec: ' (version catalog)', pinned: true, line: i + 1, text });
      return;
    }
    const named = /\bname\s*[:=]\s*['"]([^'"]{1,150})['"]/.exec(rest);
    if (named) {
      const v = /\bversion\s*[:=]\s*['"]([^'"]{1,100})['"]/.exec(rest)?.[1] ?? '';
      out.push({ name: normaliseName(named[1]!), spec: gradleSpec(v, managed), pinned: (v !== '' && !/[+]|latest/i.test(v)) || (!v && managed), line: i + 1, text });
      return;
    }
    const str = /^['"]([^'"\s]{1,200})['"]/.exec(rest);
    if (!str) return;
    const parts = str[1]!.split(':');
    if (parts.length < 2) return;
    const v = parts[2] ?? '';
    out.push({ name: normaliseName(parts[1]!), spec: gradleSpec(v, managed), pinned: (v !== '' && !/[+]|latest/i.test(v)) || (!v && managed), line: i + 1, text });
  });
  return out;
}

/** Which parser a manifest path needs, or null when the path is not a manifest we read. */
export function manifestKind(path: string): ManifestKind | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if ((/requirements/i.test(base) && /\.(txt|in)$/i.test(base)) || (/\/requirements\//i.test('/' + path) && /\.(txt|in)$/i.test(base))) return 'requirements';
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'setup.py') return 'setup.py';
  if (base === 'setup.cfg') return 'setup.cfg';
  if (/^(environment|conda|conda[-_]env|env)[^/]*\.ya?ml$/i.test(base)) return 'conda';
  if (base === 'Pipfile') return 'pipfile';
  if (base === 'DESCRIPTION') return 'r-description';
  if (base === 'Project.toml' || base === 'JuliaProject.toml') return 'julia-project';
  if (base === 'pom.xml') return 'maven';
  if (base === 'build.gradle' || base === 'build.gradle.kts') return 'gradle';
  return null;
}

export function parseManifest(kind: ManifestKind, text: string): Dependency[] {
  try {
    switch (kind) {
      case 'requirements':
        return parseRequirementsTxt(text);
      case 'pyproject':
        return parsePyproject(text);
      case 'setup.py':
        return parseSetupPy(text);
      case 'setup.cfg':
        return parseSetupCfg(text);
      case 'conda':
        return parseCondaEnv(text);
      case 'pipfile':
        return parsePipfile(text);
      case 'r-description':
        return parseRDescription(text);
      case 'julia-project':
        return parseJuliaProject(text);
      case 'maven':
        return parseMavenPom(text);
      case 'gradle':
        return parseGradle(text);
    }
  } catch {
    return [];
  }
}
