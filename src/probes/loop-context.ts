/**
 * The loop a Python line sits in, by indentation: whether the loop around a line also does something (a reinforcement
 * learning episode loop that learns at each step: `agent.remember(…)`, `agent.experience_replay()`, `optimizer.step()`).
 * An episode's return summed in a loop that learns is a training return, not an evaluation episode's.
 *
 * Bounded: at most MAX_WALK lines are looked at above the line and in each loop's body; a notebook's loop never spans
 * cells. Lines are the code probe's (comments dropped, blank lines left out, indentation kept).
 */
import type { ScanLine } from '../facts/code-lines.js';
import { headerEnd, indentOf } from './block-header.js';

/** How far up (to the loop header) and down (the loop's body) one look goes. */
const MAX_WALK = 400;
const LOOP_HEADER = /^\s*(?:async\s+)?(?:for|while)\b/;
const SCOPE_HEADER = /^\s*(?:async\s+)?(?:def|class)\b/;
/** A step loop: `while …`, or `for t in count()` / `for step in range(max_steps)`: its parent is the episode loop. */
const STEP_LOOP = /^\s*while\b|^\s*for\s+\w+\s+in\s+(?:(?:itertools\.)?count\s*\(|range\s*\(\s*(?:\w+\.)?\w*(?:step|steps|max_t|max_len|horizon|T)\b)/i;

/**
 * The headers around line `at` (each line above it less indented than everything between), innermost first, within
 * MAX_WALK lines up and its notebook cell; `open`: the walk stopped with the line still indented (not known to be
 * at the top level).
 */
function enclosingHeaders(lines: readonly ScanLine[], at: number): { headers: number[]; open: boolean } {
  const headers: number[] = [];
  const cell = lines[at]!.cell;
  let cur = indentOf(lines[at]!.text);
  for (let j = at - 1; j >= 0 && at - j <= MAX_WALK && cur > 0; j--) {
    const l = lines[j]!;
    if (l.cell !== cell) break;
    if (!l.text.trim()) continue;
    const ind = indentOf(l.text);
    if (ind >= cur) continue;
    cur = ind;
    headers.push(j);
  }
  return { headers, open: cur > 0 };
}

/** The enclosing loop headers of line `at`, innermost first (stops at a def / class). */
function enclosingLoops(lines: readonly ScanLine[], at: number, max: number): number[] {
  const out: number[] = [];
  for (const j of enclosingHeaders(lines, at).headers) {
    if (out.length >= max || SCOPE_HEADER.test(lines[j]!.text)) break;
    if (LOOP_HEADER.test(lines[j]!.text)) out.push(j);
  }
  return out;
}

/** `if train:` / `if not greedy:`: a flag tested, its name in group 1. */
const FLAG_IF = /^\s*if\s+(?:not\s+)?(\w+)\s*:/;
/** A function definition: its name (group 1) and the text of its parameters (group 2, on its first line). */
const DEF_HEAD = /^\s*(?:async\s+)?def\s+(\w+)\s*\(([^\n]*)/;

/** Flag names looked up per file (each a pass over its lines). */
const MAX_FLAGS = 64;

/** Per file (its lines): `function flag` pairs some call passes as False (`run_episode(env, agent, train=False)`). */
const passedFalse = new WeakMap<readonly ScanLine[], Map<string, boolean>>();

/** Whether some line of the file calls function `fn` with `flag=False` (or `flag=0`). */
function passesFalse(lines: readonly ScanLine[], fn: string, flag: string): boolean {
  let m = passedFalse.get(lines);
  if (!m) passedFalse.set(lines, (m = new Map()));
  const key = `${fn} ${flag}`;
  let v = m.get(key);
  // Each pair is one pass over the file: past MAX_FLAGS pairs a flag is taken as never passed False (the loop learns).
  if (v === undefined && m.size >= MAX_FLAGS) return false;
  if (v === undefined) {
    const call = new RegExp(`\\b${fn}\\s*\\(`);
    const off = new RegExp(`[(,]\\s*${flag}\\s*=\\s*(?:False|0)\\s*[,)]`);
    m.set(key, (v = lines.some((l) => !DEF_HEAD.test(l.text) && call.test(l.text) && off.test(l.text))));
  }
  return v;
}

/** The function the line `at` is defined in (its innermost enclosing `def`): its name and parameter text, or null. */
function enclosingDef(lines: readonly ScanLine[], at: number): { name: string; params: string } | null {
  for (const j of enclosingHeaders(lines, at).headers) {
    const d = DEF_HEAD.exec(lines[j]!.text);
    if (d) return { name: d[1]!, params: d[2]! };
    if (/^\s*class\b/.test(lines[j]!.text)) return null;
  }
  return null;
}

/**
 * The first line of the body of the loop whose header is at `header` that matches `re`, if any. A line under an
 * `if <flag>:` inside the loop, where `<flag>` is a parameter of the function the loop is in and some call of that
 * function passes `<flag>=False`, is left out: the loop learns only when asked to, and the same function runs the
 * evaluation episodes (attack14: a DQN's 100 greedy episodes called `run_episode(env, agent, train=False)`, and their
 * returns were taken for training returns). A global flag, or a False passed to another function, does not count
 * (attack15: `if learn:` beside an unrelated `noop(learn=False)`, +2.0).
 */
function bodyLine(lines: readonly ScanLine[], header: number, re: RegExp): ScanLine | null {
  const h = lines[header]!;
  const ind = indentOf(h.text);
  /** Open `if <flag>:` blocks inside the loop, as [indent, flag passed False to the loop's function]. */
  const flags: Array<[number, boolean]> = [];
  let fn: { name: string; params: string } | null | undefined;
  for (let k = header + 1; k < lines.length && k - header <= MAX_WALK; k++) {
    const l = lines[k]!;
    if (l.cell !== h.cell) break;
    if (!l.text.trim()) continue;
    const li = indentOf(l.text);
    if (li <= ind) break;
    while (flags.length && li <= flags[flags.length - 1]![0]) flags.pop();
    if (re.test(l.text) && !flags.some(([, off]) => off)) return l;
    const f = FLAG_IF.exec(l.text);
    if (f) {
      if (fn === undefined) fn = enclosingDef(lines, header);
      const param = fn !== null && new RegExp(`(?:^|[(,])\\s*${f[1]!}\\b`).test(fn.params);
      flags.push([li, param && passesFalse(lines, fn!.name, f[1]!)]);
    }
  }
  return null;
}

/**
 * The line that learns in the loop around line `at` (its innermost enclosing `for` / `while`, and that loop's parent
 * when the innermost is a step loop inside an episode loop), or null. A loop further out is not looked at: an
 * evaluation run inside a training loop (every N epochs, a few greedy episodes) is still an evaluation.
 */
export function learningInLoop(lines: readonly ScanLine[], at: number, learns: RegExp): ScanLine | null {
  const loops = enclosingLoops(lines, at, 2);
  if (!loops.length) return null;
  const inner = bodyLine(lines, loops[0]!, learns);
  if (inner) return inner;
  if (loops.length > 1 && STEP_LOOP.test(lines[loops[0]!]!.text)) return bodyLine(lines, loops[1]!, learns);
  return null;
}

/** A header whose body runs any number of times: a loop, or a function (its callers decide how often). */
const REPEATING_HEADER = /^\s*(?:async\s+)?(?:for|while|def)\b/;

/**
 * Whether line `at` sits in a loop or a function body (at any depth, within MAX_WALK lines up, in its notebook cell):
 * a statement outside both, at the top of a script or a cell (or only under an `if` / `with` there), runs once. A
 * gradient step taken once is not training (attack14: `w -= lr * grad` beside an empty epoch loop detected training).
 */
export function runsRepeatedly(lines: readonly ScanLine[], at: number): boolean {
  const { headers, open } = enclosingHeaders(lines, at);
  // Past the walk's bound with the line still indented: not known to run once.
  return headers.some((j) => REPEATING_HEADER.test(lines[j]!.text)) || open;
}

/** A block header: a loop or a function definition. */
const BLOCK_HEADER = /^\s*(?:async\s+)?(?:for|while|def)\b/;
/**
 * Calls that do no work of their own in a loop's body (printing, counting, waiting, building a range), nor do these:
 * putting a value in a list (`losses.append(0)` in an epoch loop: attack15, +3.9; a value computed by a call still
 * counts through that call, `losses.append(step(model))`), and seeding a random generator (a loop of runs that only
 * calls `np.random.seed(run)` repeats nothing: attack15, +3.7).
 */
const IDLE_CALLS = new Set([
  'print', 'range', 'len', 'enumerate', 'zip', 'str', 'int', 'float', 'bool', 'format', 'repr', 'type', 'isinstance', 'sleep', 'tqdm', 'trange', 'input',
  'append', 'extend', 'insert', 'appendleft', 'seed', 'manual_seed', 'manual_seed_all', 'set_seed',
]);
/**
 * Python's built-in functions that compute a value from their arguments and touch nothing else (no model, optimizer,
 * parameter or data of the file): called by plain name, they do no work of their own in a loop's body either
 * (attack16: `losses.append(abs(0))` in an epoch loop, +3.9; `k = abs(run)` in a loop of runs, +3.7). Not the ones that
 * call a function they are given (`map`, `filter`, `next`, `getattr`), nor `exec` / `eval`.
 */
const PURE_BUILTINS = new Set([
  'abs', 'all', 'any', 'ascii', 'bin', 'bytes', 'chr', 'complex', 'dict', 'divmod', 'frozenset', 'hash', 'hex', 'id', 'list', 'max', 'min',
  'oct', 'ord', 'pow', 'reversed', 'round', 'set', 'slice', 'sorted', 'sum', 'tuple',
]);
/** A call's name: the word before an opening parenthesis (a method's when a `.` comes before it). */
const CALL = /\b(\w+)\s*\(/g;
/** How deep calls of the file's own functions are followed (`def step(x): return abs(x)` called in the loop)… */
const MAX_CALL_DEPTH = 3;
/** …and how many function bodies one block's look follows in all: past it, a call works (each body is MAX_WALK lines). */
const MAX_FOLLOWED = 16;
/** Per file (its lines): the line indexes of each `def name(`. */
const defsByName = new WeakMap<readonly ScanLine[], Map<string, number[]>>();

function defsOf(lines: readonly ScanLine[]): Map<string, number[]> {
  let m = defsByName.get(lines);
  if (m) return m;
  m = new Map();
  for (let i = 0; i < lines.length; i++) {
    const d = DEF_HEAD.exec(lines[i]!.text);
    if (!d) continue;
    const list = m.get(d[1]!);
    if (list) list.push(i);
    else m.set(d[1]!, [i]);
  }
  defsByName.set(lines, m);
  return m;
}
/** An augmented assignment (`w -= lr * grad`, `total += loss`), not a comparison. */
const AUGMENTED = /(?:^|[^=!<>])(?:[-+*/@%]|\/\/|\*\*)=(?!=)/;


/**
 * Whether a statement does some work: it updates a value in place, or calls something other than IDLE_CALLS, a pure
 * built-in (PURE_BUILTINS, by plain name) or a function of the file's own whose body does no work (`def f(x): return
 * x`, followed MAX_CALL_DEPTH deep; a function defined twice works when either does; one called from itself, not
 * further). `ctx`: the file's lines and the functions being followed.
 */
function doesWork(text: string, ctx?: WorkContext): boolean {
  if (AUGMENTED.test(text)) return true;
  for (const m of text.matchAll(CALL)) {
    const name = m[1]!;
    if (IDLE_CALLS.has(name) || /^(?:for|while|if|elif|def|return|in|not|and|or|with|assert|lambda|yield|await|else|is)$/.test(name)) continue;
    const method = m.index > 0 && text[m.index - 1] === '.';
    if (!method && PURE_BUILTINS.has(name)) continue;
    if (!method && ctx) {
      const defs = defsOf(ctx.lines).get(name);
      if (defs && ctx.visiting.size < MAX_CALL_DEPTH) {
        let works = false;
        for (const d of defs) {
          if (ctx.visiting.has(d)) continue;
          if (++ctx.followed.n > MAX_FOLLOWED) return true;
          ctx.visiting.add(d);
          works = bodyWorks(ctx.lines, d, ctx.visiting, ctx.followed) !== false;
          ctx.visiting.delete(d);
          if (works) break;
        }
        if (!works) continue;
      }
    }
    return true;
  }
  return false;
}

/**
 * Whether the block whose header is line `at` (a `for` / `while` loop or a `def`) does any work in its body (within
 * MAX_WALK lines and its notebook cell; a one-line body after the header's colon): a call other than printing or
 * counting, or an update in place. An empty epoch loop (`for epoch in range(3): pass`) learns nothing (attack14,
 * +3.9). Null when line `at` is no block header.
 */
export function blockDoesWork(lines: readonly ScanLine[], at: number): boolean | null {
  return bodyWorks(lines, at, new Set([at]), { n: 0 });
}

/** What `doesWork` follows calls with: the file's lines, the function bodies being followed, how many were. */
interface WorkContext {
  lines: readonly ScanLine[];
  visiting: Set<number>;
  followed: { n: number };
}

function bodyWorks(lines: readonly ScanLine[], at: number, visiting: Set<number>, followed: { n: number }): boolean | null {
  const ctx: WorkContext = { lines, visiting, followed };
  const h = lines[at]!;
  if (!BLOCK_HEADER.test(h.text)) return null;
  // A header that goes on over the next lines (`def train(model: nn.Module,` … `) -> float:`) ends where its brackets
  // close; its body follows that line. Not closed within the walk (or the cell): not known to be empty.
  const end = headerEnd(lines, at, MAX_WALK);
  if (end === null) return null;
  const head = lines[end]!.text.trimEnd();
  if (!head.endsWith(':')) {
    // A one-line body: what follows the header's last colon.
    const tail = head.slice(head.lastIndexOf(':') + 1);
    return doesWork(tail, ctx);
  }
  const ind = indentOf(h.text);
  for (let k = end + 1; k < lines.length; k++) {
    const l = lines[k]!;
    if (l.cell !== h.cell) return false;
    if (!l.text.trim()) continue;
    if (indentOf(l.text) <= ind) return false;
    // Past the walk's bound inside the body: not known to be empty.
    if (k - at > MAX_WALK || doesWork(l.text, ctx)) return true;
  }
  return false;
}
