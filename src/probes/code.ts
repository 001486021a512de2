/**
 * `code` probe: regex patterns searched in code (Python scripts, notebook code cells, R, R Markdown chunks, Julia),
 * plus optional files that count by their presence (a Dockerfile, a Procfile). Each distinct pattern or path that
 * matches adds its weight once; the score is matched weight / `need` (capped at 1), or its complement when the
 * rule expects the patterns to be absent (credentials, tutorial datasets).
 *
 * Comments never count; code shown in Markdown never counts (prose files give no lines in code mode, notebooks
 * give code cells only), unless the Markdown file is a notebook (Jupytext, MyST): then its executable fences are its
 * code cells, read after every code file. `text: true` matches every line as written (for secrets in any text file).
 */
import type { Evidence, FileEntry, ProbeResult } from '../types.js';
import ignore, { type Ignore } from 'ignore';
import { globMatcher } from './context.js';
import { selectFiles, selectIndices } from './glob-gate.js';
import { orderIndices } from './file-order.js';
import { REGEX_FLAGS } from './schema-parts.js';
import {
  anyOf,
  compileRegex,
  DEFAULT_CODE_EXCLUDE,
  DEFAULT_CODE_GLOBS,
  TEST_DIR_GLOBS,
  TEST_NAMED_GLOBS,
  looksLikeTestCode,
  orderForReading,
  readingKey,
  snippet,
} from './code-scan.js';
import { isProsePath, scanLines, type ScanLine } from '../facts/code-lines.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe, type ProbeContext } from './types.js';
import { measured } from '../types.js';
import { factsOf, reachOf, REACH_GLOBS, type Reach } from './code-reach.js';
import { insidePythonTripleString } from './multiline-strings.js';
import { bareCallName, defsIn, importsName, stubAt, stubOf } from './stub-body.js';
import { freeInputs } from './call-inputs.js';
import { unboundAlias } from './unbound-alias.js';
import { localModuleNames, missingLocalPackage } from './missing-local-package.js';
import { isMarkdownPath } from '../facts/literate-markdown.js';
import { COPIED_GLOBS } from '../facts/vendored.js';
import { placeholderDataFolders } from './placeholder-data.js';
import { ultralyticsRunAt } from './run-artefacts.js';
import { inSampleScoring } from './in-sample.js';
import { blockDoesWork, learningInLoop, runsRepeatedly } from './loop-context.js';
import { holdsCorpus, holdsData, isFiller, namesCommittedData, namesLargeCommittedFile } from './committed-data.js';
import { dvcLockLargestTable, dvcOutputNamed, dvcPointerSize, literalArgument, repeatedRows } from './repeated-rows.js';
import { withoutStrings } from './line-strings.js';

/** Archives whose members the audit never reads (`noteArchives`). */
const ARCHIVE_GLOBS = ['**/*.zip', '**/*.rar', '**/*.7z', '**/*.tar', '**/*.tgz', '**/*.tar.gz', '**/*.tar.bz2', '**/*.tar.xz'];

const Globs = (description?: string, minItems?: number) =>
  Type.Array(Type.String({ minLength: 1 }), { ...(minItems ? { minItems } : {}), ...(description ? { description } : {}) });
const Flags = Type.Optional(Type.String({ pattern: REGEX_FLAGS.pattern }));

/** A line that vetoes a match (`regex`, said as `detail`), and a line that lifts the veto in its file (`unless`). */
const VetoLine = Type.Object(
  {
    regex: Type.String({ minLength: 1 }),
    detail: Type.String({ minLength: 1 }),
    flags: Flags,
    unless: Type.Optional(Type.Object({ regex: Type.String({ minLength: 1 }), flags: Flags }, { additionalProperties: false })),
    /** The veto applies only to a match whose own line matches this (a download of a model file, not of data). */
    onLine: Type.Optional(Type.Object({ regex: Type.String({ minLength: 1 }), flags: Flags }, { additionalProperties: false })),
    /**
     * The veto applies only in a file that also has a line matching this (a web app's file that writes its tables).
     * `{group}` stands for the match's first non-empty capture group, its last dotted part stripped of quotes (the
     * table a query reads): the file must have such a line about that name.
     */
    also: Type.Optional(Type.Object({ regex: Type.String({ minLength: 1 }), flags: Flags }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

const CodePatternSchema = Type.Object(
  {
    regex: Type.String({ minLength: 1 }),
    detail: Type.String({ minLength: 1 }),
    flags: Flags,
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    /** Weak evidence: does not count in a file where a `negative` pattern also matches. */
    weak: Type.Optional(Type.Boolean()),
    /** Only search files matching these globs (e.g. R-only syntax). */
    files: Type.Optional(Globs(undefined, 1)),
    /**
     * The app framework the sign is of (`python-web`, `streamlit`, `express`…). Signs of different frameworks do not
     * add up: the total counts the best framework's signs, plus every sign without a framework (a FastAPI stub and an
     * Express stub are two shells, not one app; a sign that the app runs the model has no framework and always adds).
     */
    framework: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /**
     * In a file that the `files` globs pick only through these globs (a `predict*.py` that no app folder or app file
     * name picks), the sign weighs `weight` instead, unless a sign of an app framework (a pattern with `framework`)
     * counts in that file or in a file it is reached from (that imports or names it, directly or through others;
     * anywhere in the repo when reach is not judged): a batch prediction script is no app. `detail` says so.
     */
    nameOnly: Type.Optional(
      Type.Object(
        { files: Globs(undefined, 1), weight: Type.Number({ exclusiveMinimum: 0 }), detail: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
      ),
    ),
    /** A name for this sign, so that a `paths` entry can count only beside it (`with`). */
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** Count the weight up to this many times, once per distinct matched text (e.g. several preprocessing functions). Default 1. */
    repeat: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    /**
     * Reads whatever files a folder holds (a dataset class, image reads, a folder walk): does not count when the
     * repo's data folders hold only placeholders (`.gitkeep`) and it tracks no data file (placeholder-data.ts).
     */
    anyFolder: Type.Optional(Type.Boolean()),
    /**
     * A read of the project's database (SQL): not counted when the repo seeds that database with random rows
     * (`seededDatabase`). A regex: only a match whose text matches it is such a read (`read_sql(` among pandas' reads).
     */
    database: Type.Optional(Type.Union([Type.Boolean(), Type.String({ minLength: 1, maxLength: 300 })])),
    /**
     * Counts only in a file that also has, for each entry, a code line matching it (a route "runs the model" only
     * where the file loads a model or imports an LLM client; a correct-answer counter only beside a comparison).
     */
    sameFile: Type.Optional(
      Type.Array(
        Type.Object(
          {
            regex: Type.String({ minLength: 1 }),
            detail: Type.String({ minLength: 1 }),
            flags: Flags,
            /** The line must be at most this many lines from the match (in the same notebook cell): the same function, roughly. */
            within: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
            /**
             * Python: the line may also be in one of the repository's own modules that the file imports, or one those
             * import (up to three hops, code-reach.ts): an app that calls the model through its own `predict.py`. The line is
             * code: not in a string, not in a top-level function nothing calls. Met when the reach is not judged (a
             * large repo). Not with `within`.
             */
            orImported: Type.Optional(Type.Boolean()),
            /**
             * The line is code: matched with its one-line strings emptied (and, in Python, not inside a triple-quoted
             * string), in any language — a message naming `train(` trains nothing (review16: caret's `train(` in an R
             * string, a metric named in a Python string, +7.9 and +4.0).
             */
            code: Type.Optional(Type.Boolean()),
            /**
             * With `orImported`: the line may instead be in a reached file of the repository matching these globs (the
             * project's own batch prediction or LLM client: a dashboard that shows what `predict.py` writes to its
             * store), read as `orImported` reads (code only), at most 16 files.
             */
            orRepoFiles: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 4 },
      ),
    ),
    /**
     * Does not count in a file that has a line matching `regex` (an evaluation function called on the training data),
     * unless the file also has a line matching `unless` (it is called on held-out data too).
     */
    notSameFile: Type.Optional(Type.Union([VetoLine, Type.Array(VetoLine, { minItems: 1, maxItems: 4 })])),
    /**
     * Python: does not count in a file that scores its model only on the data it fitted it on, with no split or
     * cross-validation anywhere in the file (in-sample.ts): a metric there is a training score.
     */
    heldOutOnly: Type.Optional(Type.Boolean()),
    /**
     * Python: does not count on a line whose loop (its innermost `for` / `while`, and the episode loop around a step
     * loop) has a line matching `regex` (loop-context.ts): an episode's return summed while the agent learns is a
     * training return. `unless`: it counts all the same in a file with a line matching this (independent runs of a
     * fresh agent, whose per-episode returns are the field's learning-curve results).
     */
    notInLoopWith: Type.Optional(VetoLine),
    /**
     * The regex's first group is a path literal (`open("ml-100k/u1.base")`, `"{}/ind.{}.{}".format(...)`): the match
     * counts only when it names a data file the repository commits (committed-data.ts), whatever its extension, that
     * holds data: not one picture named on its own, not text of filler (`holdsData`).
     */
    tracked: Type.Optional(Type.Boolean()),
    /**
     * The call's first argument, when a string literal naming a committed file of at most 2 MB, must not be a table of
     * repeated rows (≥ 20 rows, at most 10 % distinct: repeated-rows.ts): that is a stand-in for data.
     */
    distinctRows: Type.Optional(Type.Boolean()),
    /**
     * With `distinctRows`: a read of a file that DVC versions (a `<path>.dvc` pointer is tracked) counts only when the
     * pointer says its output holds at least this many bytes: a few typed-in rows are a stand-in for data.
     */
    dvcMinBytes: Type.Optional(Type.Integer({ minimum: 1 })),
    /**
     * Python: counts only on a line inside a loop or a function body (loop-context.ts `runsRepeatedly`): a statement at
     * the top of a script or cell runs once (a gradient step taken once is not training).
     */
    repeated: Type.Optional(Type.Boolean()),
    /**
     * The regex's first group is a path literal: the match counts only when it names a file the repository commits, in
     * any folder or at the root, of at least this many bytes, and not code, configuration or a saved model
     * (committed-data.ts `namesLargeCommittedFile`): a corpus read whole, not a stub. Its text must read like a corpus
     * (`readsLikeCorpus`: mostly distinct, 100 distinct words), not one line or a counter repeated.
     */
    trackedMinBytes: Type.Optional(Type.Integer({ minimum: 1 })),
    /**
     * The match must stand in code: found again on its line with the line's one-line strings emptied, and in Python
     * not inside a triple-quoted string (review16: `note = "dqn.update((state, action, reward))"` was RL experience,
     * +7.8). Not for a pattern whose match holds a string literal it needs (a path, a regex).
     */
    code: Type.Optional(Type.Boolean()),
    /**
     * The regex's first group is a path literal: when it names a file the repository commits (any folder or the root)
     * that reads as text but not like data — one character or one line repeated (committed-data.ts `readsLikeData`) —
     * the match does not count. A literal naming no committed file (one the code downloads or writes) still counts.
     */
    notFiller: Type.Optional(Type.Boolean()),
    /**
     * The regex's first group, when it matched, is a path literal: when it names a file the repository commits (any
     * folder or the root, not code, prose or configuration), that file must be a corpus of at least this many bytes that
     * reads like one (committed-data.ts `readsLikeCorpus`), or the match does not count: a tokeniser trained on the
     * README copied to `data/corpus.txt` learns nothing of a corpus (attack16, +7.9). A literal naming no committed file
     * (one the code downloads or writes) still counts.
     */
    corpusInput: Type.Optional(Type.Integer({ minimum: 1 })),
    /**
     * The name the regex captures in its group `name` must be declared in the same file by a line matching this
     * template, `{name}` standing for it (a `.run(` on a field or variable declared as a TensorFlow Lite `Interpreter`).
     */
    declared: Type.Optional(
      Type.Object(
        { regex: Type.String({ minLength: 1, pattern: '\\{name\\}' }), detail: Type.String({ minLength: 1 }), flags: Flags },
        { additionalProperties: false },
      ),
    ),
    /**
     * Python: a match on a block header (`for epoch in …:`, `def train(…):`) counts only when the block's body does
     * some work: a call other than printing or counting, a pure built-in (`abs(0)`) or a function of the file's own that
     * does no work, or an update in place (loop-context.ts `blockDoesWork`). An empty epoch loop learns nothing.
     */
    workingBody: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
type CodePattern = Static<typeof CodePatternSchema>;

const CodePathSchema = Type.Object(
  {
    glob: Type.String({ minLength: 1 }),
    detail: Type.String({ minLength: 1 }),
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    /** The file must contain a line matching this regex (checked in text mode, comments included). */
    contains: Type.Optional(Type.String({ minLength: 1 })),
    flags: Flags,
    /** Smallest size in bytes for the file to count (default 1: empty files never count). */
    minBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Globs this entry ignores (e.g. a Dockerfile under .devcontainer/ is not a deployment). */
    exclude: Type.Optional(Globs()),
    /**
     * The file is a framework's record of a training run, checked with the files beside it (run-artefacts.ts):
     * `ultralytics` = a per-epoch `results.csv` next to the run's `args.yaml`.
     */
    run: Type.Optional(Type.Literal('ultralytics')),
    /**
     * The `id` of a pattern that must also count for this file to count: half of a sign made of two files (a YOLO
     * data config's `val:` split counts only beside the Ultralytics training call that validates on it).
     */
    with: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** A query file over the project's database: not counted when the repo seeds that database with random rows (`seededDatabase`). */
    database: Type.Optional(Type.Boolean()),
    /**
     * A DVC pointer (`*.dvc`) counts only when its outputs hold at least this many bytes (`size:`), a DVC pipeline
     * (`dvc.yaml`) only when the largest table its `dvc.lock` records does: a few rows are a stand-in.
     */
    dvcMinBytes: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

/** The code probe's params: one declaration gives the JSON Schema the loader validates, the TypeScript type and the defaults. */
const paramsSchema = Type.Object(
  {
    files: Type.Optional(Globs('Globs of files to search (default: Python, notebooks, R, Julia).', 1)),
    exclude: Type.Optional(Globs('Globs never searched (default: virtualenvs, site-packages, node_modules, notebook checkpoints).')),
    skipTests: Type.Boolean({
      default: false,
      description: 'Also leave out test code: tests/, test/, conftest.py, and test_*.py / *_test.py files written as tests (pytest / unittest).',
    }),
    noteArchives: Type.Boolean({
      default: false,
      description:
        "When the stage is not fully found, name the archives the repo commits (.zip, .rar, .7z, .tar…): code inside one is not read (and a reader browsing the repo cannot open it either). A note only: the score is what the code read earns.",
    }),
    skipCopied: Type.Boolean({
      default: false,
      description:
        "Also leave out code copied in from elsewhere: vendor/, third_party/, a web framework's collected static files (staticfiles/, static/admin/), and folders whose code files mostly carry another project's copyright header (a library's source pasted in: src/facts/copied-trees.ts).",
    }),
    skipStubs: Type.Boolean({
      default: false,
      description:
        "Python: stub code is no evidence (stub-body.ts). A match that is the name a `def` line defines, for a pattern whose regex does not say `def`, is a definition, not a call (`def compute_bleu(` computes no BLEU); a match on a `def` whose body only holds a docstring, `pass`, `...`, logging, constants assigned or returned (`return {\"bleu\": 0.0}`) or `raise NotImplementedError` (or raises it at its own level before any `return`) does not count, nor a bare or `self.` call of a function the file defines, or imports by name from the repository's own module, only as such stubs; and a `paths` entry's `contains` is checked on a Python module's code, not its comments or docstrings.",
    }),
    skipStrings: Type.Boolean({
      default: false,
      description:
        'Python files: leave out the lines inside a triple-quoted string (a help text, a prompt template, an example in a docstring): text typed there calls nothing; and in Python files and notebooks every pattern is `code: true` unless it says `code: false` (a call in a one-line string calls nothing either). Off where a string holds what the rule looks for (SQL a data rule reads).',
    }),
    patterns: Type.Optional(Type.Array(CodePatternSchema)),
    paths: Type.Optional(Type.Array(CodePathSchema)),
    negative: Type.Optional(
      Type.Array(
        Type.Object(
          {
            regex: Type.String({ minLength: 1 }),
            detail: Type.String({ minLength: 1 }),
            flags: Flags,
            /** The marker yields in a file that also has a code line matching this (a mock that is only the fallback of a real model load). */
            unless: Type.Optional(Type.Object({ regex: Type.String({ minLength: 1 }), flags: Flags }, { additionalProperties: false })),
            /**
             * With `unless`: the marker also yields in a file that imports a module of the repository (Python) whose
             * code has a line matching `unless` (an app that loads its model through its own `inference.py`).
             */
            unlessImports: Type.Optional(Type.Boolean()),
            /**
             * `after`: the marker discounts weak evidence from its own line on (from its cell on in a notebook), not
             * above it (a Colab export that trains on a dataset and ends in a Gradio demo). Default: the whole file.
             */
            scope: Type.Optional(Type.Literal('after')),
            /**
             * With `scope: after`: scoped only when a line above the marker matches this (the file trains before its UI);
             * else the whole file. `notDefinedAbove`: a match whose group `name` (`m.train()`) is a function the file
             * defines above it (`def train(self): pass`) does not count: the file's own method, whose real work would
             * match on its own lines (a dummy `.train()` above a Streamlit import lifted the veto: attack14, +7.9).
             */
            scopeWhen: Type.Optional(
              Type.Object({ regex: Type.String({ minLength: 1 }), flags: Flags, notDefinedAbove: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
            ),
            /**
             * The marker counts only when a later line matches this regex, where `{name}` stands for the name the marker
             * captured in its group `name` (random numbers are data only when the array assigned is then fitted or plotted).
             */
            usedBy: Type.Optional(Type.Object({ regex: Type.String({ minLength: 1, pattern: '\\{name\\}' }), flags: Flags }, { additionalProperties: false })),
            /** The marker is data made up (generated numbers, a fake-data generator): what `syntheticFits` looks for. */
            synthetic: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    /**
     * Notebooks: when a code cell without a `negative` marker has a line matching this regex (a training call), the
     * markers discount weak evidence in their own cell only, not in the whole notebook (a notebook that fine-tunes a
     * model and ends in a Gradio demo keeps its training-time tokenisation).
     */
    negativePerCellWhen: Type.Optional(
      Type.String({ minLength: 1, description: 'Notebooks: a line (a training call) that, in a cell without a negative marker, limits the markers to their own cells.' }),
    ),
    /**
     * Writes of a file by the code itself (`df.to_pickle(path)`, `joblib.dump(x, path)`, `np.save(path, a)`): each
     * regex's first group is the path written. A matched call whose first argument is a path written on an earlier line
     * of the same file reads back the file's own output, and does not count.
     */
    ownWrites: Type.Optional(
      Type.Array(Type.Object({ regex: Type.String({ minLength: 1 }), flags: Flags }, { additionalProperties: false }), { minItems: 1, maxItems: 12 }),
    ),
    /**
     * Files a script of the repository generates from random draws: a Python file or notebook with a line matching
     * `draws` and none matching `reads` writes a file by a line matching `writes` (its first group a path literal).
     * A match whose line names such a file (its base name, or a name the reading file binds to a string naming it) is
     * synthetic data, not counted. Keyed on the path: a script that draws random numbers to split or score real data
     * reads it (`reads`), so what it writes stays data. A `reads` line assigning a name used on no other line of the
     * file (`names = open("names/list.txt").read()`, never used) reads nothing the script writes.
     */
    generated: Type.Optional(
      Type.Object(
        {
          writes: Type.String({ minLength: 1 }),
          draws: Type.String({ minLength: 1 }),
          reads: Type.String({ minLength: 1 }),
          /** A `reads` line that also matches this reads no data: a settings file (`json.load(open("config.json"))`). */
          notReads: Type.Optional(Type.String({ minLength: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * When every code file that fits a model (a line matching `fits`, in code) has a `synthetic` negative marker that
     * counts and no match of its own that counts, and no module it imports has one either, the model learns only from
     * made-up numbers: matches elsewhere (a service's own logs read back, a monitoring sample) do not count (set 58: a
     * credit-risk API whose only training script fits on `make_classification`, while the monitoring reads parquet logs
     * from S3). Not applied when a file that fits was not read (the read budget), nor when a match that counts is in a
     * language whose fits the regex may not know (R, Julia, JavaScript…): only Python files and notebooks are judged.
     */
    syntheticFits: Type.Optional(
      Type.Object(
        { fits: Type.String({ minLength: 1 }), detail: Type.String({ minLength: 1 }) },
        { additionalProperties: false, description: 'A line that fits a model; when every file with one fits only generated numbers, nothing else counts.' },
      ),
    ),
    /**
     * A database seeder: a code file whose path matches `path` (a `seed` / `seeder` module or folder, not a test) with
     * code lines matching `draws` (random draws) and `writes` (rows inserted). Its rows are made up, so reads of the database (`database` patterns
     * and paths: SQL queries, query files) do not count; a data file read or a download still does (set 59: a
     * forecasting app whose only data is the `sales_daily` table its seeder fills with generated sales). A file with a
     * code line matching `reads` (a CSV loaded, a page fetched) is no seeder of made-up rows: what it inserts was read.
     */
    seededDatabase: Type.Optional(
      Type.Object(
        {
          path: Type.String({ minLength: 1 }),
          draws: Type.String({ minLength: 1 }),
          writes: Type.String({ minLength: 1 }),
          reads: Type.Optional(Type.String({ minLength: 1 })),
          detail: Type.String({ minLength: 1 }),
        },
        { additionalProperties: false, description: 'A seeder of random rows: database reads do not count beside it.' },
      ),
    ),
    /**
     * A shell app's infrastructure: when no pattern of code counts, and an app file that lacks what its `sameFile`
     * asks with `orImported` (an app that loads or runs no model) also has a `negative` marker that counts (its answer
     * is a mock, a placeholder, random numbers), the `paths` entries of weight 0.5 or less (a Dockerfile, a compose
     * file, manifests, a serving folder) add at most this weight together: the container runs a placeholder.
     */
    shellPropsCap: Type.Optional(Type.Number({ minimum: 0 })),
    /** What the `negative` matches mean, for the evidence and the note (default: they are not a data source). */
    negativeMeans: Type.Optional(
      Type.Object(
        { label: Type.String({ minLength: 1 }), note: Type.String({ minLength: 1 }) },
        { additionalProperties: false, description: 'Wording for negative matches: the evidence label and the note when only discounted weak evidence was found.' },
      ),
    ),
    expect: Type.Union([Type.Literal('present'), Type.Literal('absent')], { default: 'present' }),
    need: Type.Number({ exclusiveMinimum: 0, default: 1 }),
    text: Type.Boolean({ default: false, description: 'Match every line as written (comments and prose included) instead of code only.' }),
    prefer: Type.Optional(Globs('Globs of files to read first when the budget is tight.')),
    maxFiles: Type.Integer({ minimum: 1, maximum: 5000, default: 200 }),
    redact: Type.Boolean({ default: false, description: 'Hide matched text in evidence (secrets).' }),
    /**
     * Count only code that is reached (code-reach.ts): not a Python file that nothing runs or imports, not a top-level
     * function that nothing calls.
     */
    reachedOnly: Type.Optional(
      Type.Boolean({
        description:
          'Count only reached code: not a Python file nothing runs or imports (no notebook, __main__ script, script with top-level calls or command names it), not a top-level function nothing calls, not code behind a constant test (after an always-taken early return, inside `if False:`).',
      }),
    ),
    /** Python: a matched call whose inputs are only names the file never binds (`accuracy_score(a, b)` alone) does not count. */
    /**
     * Python: a `*.py` file that calls through a conventional module alias it never binds (`pd.` with no pandas import),
     * or imports a conventional local package the repo does not have (`from utils.x import` with no `utils/`), cannot
     * run; its matches do not count.
     */
    runnable: Type.Optional(
      Type.Boolean({
        description:
          'Python: a *.py file that calls through a conventional module alias it never imports or binds (`pd.DataFrame(` with no `import pandas as pd`) raises a NameError when run, and one whose top-level import names a conventional local package the repository does not have (`from utils.model_loader import …` with no `utils/` folder or `utils.py`) raises a ModuleNotFoundError before it runs; none of their matches count.',
      }),
    ),
    realInputs: Type.Optional(
      Type.Boolean({
        description:
          'Python: a matched call whose inputs are only names the file never binds (assigned, imported, parameters, loop targets, other notebook cells) does not count.',
      }),
    ),
  },
  { additionalProperties: false, anyOf: [{ required: ['patterns'] }, { required: ['paths'] }] },
);

export type CodeParams = Static<typeof paramsSchema>;
/** The params as a rule file may write them: the fields with a default may be left out (`runWithDefaults`). */
export type CodeRuleParams = Partial<CodeParams>;

interface Compiled {
  re: RegExp;
  spec: CodePattern;
  weight: number;
  applies: (path: string) => boolean;
  /** `sameFile`: lines the same file must also have, each (`within` lines of the match when set; or in a module it imports). */
  also: Array<{ re: RegExp; detail: string; within: number | null; orImported: boolean; orRepoFiles: string[] | null; code: boolean }>;
  /** `notInLoopWith`: what a loop around the match must not do, and the file line that lifts it. */
  loop: { re: RegExp; detail: string; unless: RegExp | null } | null;
  /** `notSameFile`: a line that vetoes the match in its file, the line that lifts the veto, and where it applies. */
  not: Array<{ re: RegExp; detail: string; unless: RegExp | null; onLine: RegExp | null; also: RegExp | null; alsoTemplate: { regex: string; flags?: string } | null }>;
  /** `nameOnly`: whether a file is picked only by those globs (null without `nameOnly`). */
  solo: ((path: string) => boolean) | null;
}

interface Hit {
  /** index of the pattern (patterns first, then paths offset by patterns.length) */
  key: number;
  weight: number;
  ev: Evidence;
  /** normalised matched text, for `repeat` */
  text: string;
  /** In a file its pattern's `nameOnly` globs alone pick. */
  solo?: true;
}

const DEFAULT_MAX_FILES = 200;
/** A reading-plan mark: Markdown, read after every code file, counted as code only when it is a notebook. */
const LATE = 2;
/** Files where `realInputs` is judged (and Markdown notebooks). */
const PYTHON = /\.(?:py|ipynb)$/i;
const MAX_EVIDENCE = 5;
/** How many seeder files (`seededDatabase`) are opened to look for random draws written to the database. */
const MAX_SEEDER_READS = 24;
/** How many candidate files of one `paths` entry are opened to look for `contains`. */
const MAX_PATH_READS = 8;

/** A compiled `negative` entry. */
interface Negative {
  re: RegExp;
  detail: string;
  unless: RegExp | null;
  unlessImports: boolean;
  /** Discounts only from its own line on (`scope: after`), when a line above matches `scopeWhen` (if set). */
  after: boolean;
  scopeWhen: RegExp | null;
  /** A `scopeWhen` match naming (group `name`) a function defined above it in the file does not count. */
  scopeNotDefinedAbove: boolean;
  usedBy: { regex: string; flags?: string } | null;
  /** Made-up data (`syntheticFits`). */
  synthetic: boolean;
}

/** A negative marker found in a file: where (index in the file's lines, notebook cell or -1) and the name it captured. */
interface Marker {
  ev: Evidence;
  n: Negative;
  /** Discounts only from its own line on. */
  after: boolean;
  idx: number;
  cell: number;
  name: string | null;
}

/**
 * Why a match was not counted, as a fact the note is chosen by (never read back from the evidence's words): it reads
 * back the file's own output (`ownWrites`), it reads a committed table of repeated rows (`distinctRows`), a line it
 * needs beside it is missing (`sameFile`, `declared`), or another reason its evidence states.
 */
type DiscardWhy = 'own-output' | 'repeated-rows' | 'missing-beside' | 'other';
interface Discarded {
  ev: Evidence;
  why: DiscardWhy;
}

/** A Python function definition, its name in group 1 (`notDefinedAbove`). */
const DEF_LINE = /^\s*(?:async\s+)?def\s+(\w+)\s*\(/;
/** Own functions per file whose name matches an `orImported` line (`def fit_report(`), looked through to their body. */
const MAX_OWN_NAMED = 32;
/** Folders an unresolved own module may be under (`src/` at the root, `app/src/`), and .gitignore files read. */
const MAX_MODULE_PLACES = 8;
const MAX_GITIGNORES = 16;
/** Own `from a.b import` lines of a file looked up (the first ones; a file past them is judged on those). */
const MAX_OWN_IMPORTS = 64;
/** Trailing segments of a listed path that an own import can name (`from a.b.c import`: up to this many parts). */
const MODULE_KEY_SEGMENTS = 12;
/** Segments of a listed path indexed at most, and index entries at most (past them the index is incomplete: lenient). */
const MAX_INDEX_DEPTH = 32;
const MAX_INDEX_KEYS = 500_000;
/** Function names kept per file for `notDefinedAbove`. */
const MAX_DEFINED = 2000;

/** Negative markers and written paths kept per file: a file of ten thousand `np.random` lines keeps the first ones. */
const MAX_MARKERS = 64;
/** The repo's own modules a file imports that are searched for an `orImported` line. */
const MAX_IMPORTED = 8;
/** How deep `orImported` follows imports (an app → its routes → the service → the model client), and modules read in all. */
const IMPORT_HOPS = 3;
const MAX_IMPORTED_ALL = 40;
/** A top-level `from pkg.mod import` of a dotted module (`orImported`: an own module the reach cannot resolve). */
const OWN_FROM_IMPORT = /^from\s+([A-Za-z_]\w{0,40})\.([A-Za-z_][\w.]{0,200})\s+import\b/;
/** Repository files read per `orRepoFiles` list. */
const MAX_REPO_FILES = 16;
/** Distinct names a file's `declared` template is checked for; past it a match does not count. */
const MAX_DECLARED_CHECKS = 16;
const declaredCache = new WeakMap<readonly ScanLine[], Map<string, boolean>>();

/**
 * Per file's lines: for each line, the index of the last line of its run of lines with the same text (made on the first
 * ask, kept for the next rules). A hostile file of 500,000 `[` is then one run the pattern loop steps over at once
 * instead of comparing every line again in every rule.
 */
const runEnds = new WeakMap<readonly ScanLine[], Int32Array>();
function sameRunEnd(lines: readonly ScanLine[], idx: number): number {
  let ends = runEnds.get(lines);
  if (!ends) {
    ends = new Int32Array(lines.length);
    for (let i = lines.length - 1; i >= 0; i--) ends[i] = i + 1 < lines.length && lines[i]!.text === lines[i + 1]!.text ? ends[i + 1]! : i;
    runEnds.set(lines, ends);
  }
  return ends[idx]!;
}

/** Whether a line of the file matches the `declared` template with this name (names are `\w+`: nothing to escape). */
function declaredIn(lines: readonly ScanLine[], spec: { regex: string; flags?: string }, name: string): boolean {
  if (!/^\w{1,100}$/.test(name)) return false;
  let done = declaredCache.get(lines);
  if (!done) declaredCache.set(lines, (done = new Map()));
  const key = `${spec.regex}\u0000${name}`;
  let v = done.get(key);
  if (v === undefined) {
    if (done.size >= MAX_DECLARED_CHECKS) return false;
    const re = compileRegex(spec.regex.split('{name}').join(name), spec.flags);
    v = typeof re !== 'string' && lines.some((x) => re.test(x.text));
    done.set(key, v);
  }
  return v;
}


/**
 * The code of a Python file as a test of what it does sees it: the lines inside triple-quoted strings dropped, the
 * one-line strings of the rest emptied (a docstring or a message naming `torch.load(` loads no model). Other files as
 * scanned.
 */
function codeOutsideStrings(path: string, lines: readonly ScanLine[]): string[] {
  if (!/\.py$/i.test(path)) return lines.map((x) => x.text);
  const inside = insidePythonTripleString(lines);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) if (!inside[i]) out.push(withoutStrings(lines[i]!.text));
  return out;
}

/** Places kept per `within` line in a file. */
const MAX_NEAR = 200;
/** Distinct (`usedBy`, name) checks per file, each a pass over the rest of the file; past it a marker counts. */
const MAX_USED_BY_CHECKS = 8;

/** A call argument as a key: spaces dropped, quotes unified (`"a.pkl"` and `'a.pkl'` are one path). */
function argKey(text: string): string {
  const t = text.trim().replace(/\s+/g, '').replace(/"/g, "'");
  return t.length > 0 && t.length <= 200 ? t : '';
}

/**
 * The first argument of the call a match ends in (the text after its last `(`, up to a `,` or `)`), as `argKey`
 * keys it; null when the match holds no call.
 */
function firstArgument(line: string, at: number, match: string): string | null {
  const open = match.lastIndexOf('(');
  if (open < 0) return null;
  const rest = line.slice(at + open + 1, at + open + 1 + 200);
  const end = rest.search(/[,)]/);
  return argKey(end < 0 ? rest : rest.slice(0, end)) || null;
}

/**
 * For markers with `usedBy`: whether a line after the marker matches the template with the marker's captured name.
 * Without a captured name the marker counts; past MAX_USED_BY_CHECKS distinct checks a file's markers count.
 */
function usedByCheck(lines: readonly ScanLine[]): (m: Marker) => boolean {
  const done = new Map<string, number>();
  return (m) => {
    if (!m.n.usedBy) return true;
    const used = m.n.usedBy!;
    if (!m.name) return true;
    const key = `${used.regex}\u0000${m.name}`;
    let firstUse = done.get(key);
    if (firstUse === undefined) {
      if (done.size >= MAX_USED_BY_CHECKS) return true;
      const re = compileRegex(used.regex.split('{name}').join(m.name), used.flags);
      firstUse = -1;
      if (typeof re !== 'string') {
        for (let i = m.idx + 1; i < lines.length; i++) {
          if (re.test(lines[i]!.text)) {
            firstUse = i;
            break;
          }
        }
      }
      done.set(key, firstUse);
    }
    return firstUse > m.idx;
  };
}

function fmt(match: string, detail: string, redact: boolean): string {
  return `\`${snippet(match, redact)}\` — ${detail}`;
}

async function runCode(params: CodeParams, ctx: ProbeContext): Promise<ProbeResult> {
  const expect = params.expect ?? 'present';
  const need = params.need ?? 1;
  const mode = params.text ? 'text' : 'code';
  const redact = params.redact ?? false;
  const maxFiles = params.maxFiles ?? DEFAULT_MAX_FILES;

  const compiled: Compiled[] = [];
  for (const spec of params.patterns ?? []) {
    const re = compileRegex(spec.regex, spec.flags);
    if (typeof re === 'string') return { outcome: 'fail', score: 0, evidence: [], note: re };
    const also: Compiled['also'] = [];
    for (const a of spec.sameFile ?? []) {
      const ar = compileRegex(a.regex, a.flags);
      if (typeof ar === 'string') return { outcome: 'fail', score: 0, evidence: [], note: ar };
      const orImported = (a.orImported ?? false) && a.within === undefined;
      also.push({ re: ar, detail: a.detail, within: a.within ?? null, orImported, orRepoFiles: orImported ? (a.orRepoFiles ?? null) : null, code: a.code ?? false });
    }
    let loop: Compiled['loop'] = null;
    if (spec.notInLoopWith) {
      const lr = compileRegex(spec.notInLoopWith.regex, spec.notInLoopWith.flags);
      if (typeof lr === 'string') return { outcome: 'fail', score: 0, evidence: [], note: lr };
      const ur = spec.notInLoopWith.unless ? compileRegex(spec.notInLoopWith.unless.regex, spec.notInLoopWith.unless.flags) : null;
      if (typeof ur === 'string') return { outcome: 'fail', score: 0, evidence: [], note: ur };
      loop = { re: lr, detail: spec.notInLoopWith.detail, unless: ur };
    }
    const not: Compiled['not'] = [];
    if (spec.declared) {
      const probe = compileRegex(spec.declared.regex.split('{name}').join('x'), spec.declared.flags);
      if (typeof probe === 'string') return { outcome: 'fail', score: 0, evidence: [], note: probe };
    }
    for (const v of spec.notSameFile === undefined ? [] : Array.isArray(spec.notSameFile) ? spec.notSameFile : [spec.notSameFile]) {
      const nr = compileRegex(v.regex, v.flags);
      if (typeof nr === 'string') return { outcome: 'fail', score: 0, evidence: [], note: nr };
      const ur = v.unless ? compileRegex(v.unless.regex, v.unless.flags) : null;
      if (typeof ur === 'string') return { outcome: 'fail', score: 0, evidence: [], note: ur };
      const lr = v.onLine ? compileRegex(v.onLine.regex, v.onLine.flags) : null;
      if (typeof lr === 'string') return { outcome: 'fail', score: 0, evidence: [], note: lr };
      const templ = v.also?.regex.includes('{group}') ? v.also : null;
      const ar = v.also ? compileRegex(v.also.regex.split('{group}').join('x'), v.also.flags) : null;
      if (typeof ar === 'string') return { outcome: 'fail', score: 0, evidence: [], note: ar };
      not.push({ re: nr, detail: v.detail, unless: ur, onLine: lr, also: templ ? null : ar, alsoTemplate: templ });
    }
    let solo: Compiled['solo'] = null;
    if (spec.nameOnly) {
      const byName = globMatcher(spec.nameOnly.files, { nocase: true });
      const others = (spec.files ?? []).filter((g) => !spec.nameOnly!.files.includes(g));
      const byOther = others.length ? globMatcher(others, { nocase: true }) : () => false;
      solo = (path) => byName(path) && !byOther(path);
    }
    compiled.push({
      re,
      spec,
      weight: spec.weight ?? 1,
      applies: spec.files ? globMatcher(spec.files, { nocase: true }) : () => true,
      also,
      loop,
      not,
      solo,
    });
  }
  const negatives: Negative[] = [];
  for (const n of params.negative ?? []) {
    const re = compileRegex(n.regex, n.flags);
    if (typeof re === 'string') return { outcome: 'fail', score: 0, evidence: [], note: re };
    const unless = n.unless ? compileRegex(n.unless.regex, n.unless.flags) : null;
    if (typeof unless === 'string') return { outcome: 'fail', score: 0, evidence: [], note: unless };
    if (n.usedBy) {
      // The template must compile with a name in it (names are \w+: nothing to escape).
      const probe = compileRegex(n.usedBy.regex.split('{name}').join('x'), n.usedBy.flags);
      if (typeof probe === 'string') return { outcome: 'fail', score: 0, evidence: [], note: probe };
    }
    const scopeWhen = n.scopeWhen ? compileRegex(n.scopeWhen.regex, n.scopeWhen.flags) : null;
    if (typeof scopeWhen === 'string') return { outcome: 'fail', score: 0, evidence: [], note: scopeWhen };
    negatives.push({
      re,
      detail: n.detail,
      unless,
      unlessImports: !!n.unlessImports && !!unless,
      after: n.scope === 'after',
      scopeWhen,
      scopeNotDefinedAbove: n.scopeWhen?.notDefinedAbove ?? false,
      usedBy: n.usedBy ?? null,
      synthetic: n.synthetic ?? false,
    });
  }
  const writes: RegExp[] = [];
  for (const w of params.ownWrites ?? []) {
    const re = compileRegex(w.regex, w.flags);
    if (typeof re === 'string') return { outcome: 'fail', score: 0, evidence: [], note: re };
    writes.push(re);
  }

  let fitsRe: RegExp | null = null;
  if (params.syntheticFits) {
    const re = compileRegex(params.syntheticFits.fits);
    if (typeof re === 'string') return { outcome: 'fail', score: 0, evidence: [], note: re };
    fitsRe = re;
  }
  /** `syntheticFits`: the files read that fit a model, with the line, the synthetic marker that counts there and whether a match of theirs counted. */
  const fitFiles: Array<{ path: string; fit: Evidence; synthetic: Evidence | null; counted: boolean }> = [];
  /** `syntheticFits`: the code files read through (or left out as tests), so that the others can be checked for fits. */
  const judgedPaths = new Set<string>();
  let perCellWhen: RegExp | null = null;
  if (params.negativePerCellWhen) {
    const re = compileRegex(params.negativePerCellWhen);
    if (typeof re === 'string') return { outcome: 'fail', score: 0, evidence: [], note: re };
    perCellWhen = re;
  }
  const maybe = anyOf(compiled.map((c) => c.re));
  const hits: Hit[] = [];
  const discarded: Discarded[] = [];
  const discard = (ev: Evidence, why: DiscardWhy = 'other'): void => {
    discarded.push({ ev, why });
  };
  /** Matches left out because neither their file nor the modules it imports has an `orImported` line (one per file). */
  const lacking: Evidence[] = [];
  let lackingDetail = '';
  const negativeEv: Evidence[] = [];
  /** Data folders that are empty placeholders, when the repo tracks no data (only for rules with `anyFolder` patterns). */
  const placeholders = compiled.some((c) => c.spec.anyFolder) ? placeholderDataFolders(ctx.files) : [];
  const placeholderNote = placeholders.length
    ? `the data folders hold only a placeholder (${placeholders.map((d) => `${d}/`).join(', ')}) and the repo tracks no data file`
    : '';

  // 1. Files that count by presence (cheap path checks first; contents only when `contains` is set).
  // Test folders are left out unread; a file only named like a test (test_agent.py) is read, and left out when it is
  // written as a test (pytest / unittest): an RL `test_agent.py` that runs the trained policy is the project's evaluation.
  const copiedTrees = params.skipCopied ? await ctx.facts.copiedTrees() : [];
  const baseExclude = [
    ...(params.exclude ?? DEFAULT_CODE_EXCLUDE),
    ...(params.skipTests ? TEST_DIR_GLOBS : []),
    ...(params.skipCopied ? [...COPIED_GLOBS, ...copiedTrees] : []),
  ];
  const isTestNamed = params.skipTests ? globMatcher(TEST_NAMED_GLOBS, { nocase: true }) : () => false;
  const pathSpecs = params.paths ?? [];
  const reach: Reach | null = params.reachedOnly ? await reachOf(ctx) : null;
  /** Matches left out because nothing runs their code, or because their call runs on names that do not exist. */
  const unreached: Evidence[] = [];
  /** Folder and module names the repository holds (for `runnable`: an import of a local package it lacks). */
  let localNames: ReadonlySet<string> | undefined;
  const noInputs: Evidence[] = [];
  /** Matches left out as training scores: in-sample metrics (`heldOutOnly`), returns summed while learning (`notInLoopWith`). */
  const trainingScores: Evidence[] = [];
  /** Files named like a framework's run record that are not one (`run` paths): a hand-written table, a stub. */
  const rejectedRuns: Evidence[] = [];
  for (let i = 0; i < pathSpecs.length; i++) {
    const spec = pathSpecs[i]!;
    const minBytes = spec.minBytes ?? 1;
    const exclude = [...baseExclude, ...(params.skipTests ? TEST_NAMED_GLOBS : []), ...(spec.exclude ?? [])];
    let cands = orderForReading(
      selectFiles(ctx.files, [spec.glob], { exclude, nocase: true }).filter((f) => f.size >= minBytes && (!reach || reach.reached(f.path))),
    );
    if (spec.dvcMinBytes) {
      // A pointer whose outputs hold a few bytes versions a stand-in, not a dataset.
      const kept: FileEntry[] = [];
      for (const f of cands.slice(0, MAX_PATH_READS)) {
        const out = /(?:^|\/)dvc\.ya?ml$/i.test(f.path) ? await dvcLockLargestTable(ctx, f.path) : await dvcPointerSize(ctx, f);
        if (out && out.bytes < spec.dvcMinBytes) {
          discard({ path: f.path, detail: `not counted (${out.pointer} says its data holds ${out.bytes} bytes: a few rows, a stand-in for data): ${spec.detail}` }, 'repeated-rows');
          continue;
        }
        kept.push(f);
      }
      cands = kept;
    }
    if (!cands.length) continue;
    const key = compiled.length + i;
    const weight = spec.weight ?? 1;
    if (spec.run) {
      for (const f of cands.slice(0, MAX_PATH_READS)) {
        const run = await ultralyticsRunAt(ctx, f);
        if (run.ok) {
          hits.push({ key, weight, text: '', ev: { path: f.path, detail: `${spec.detail} (${run.why})` } });
          break;
        }
        if (rejectedRuns.length < MAX_EVIDENCE) rejectedRuns.push({ path: f.path, detail: `not counted (${run.why}): ${spec.detail}` });
      }
      continue;
    }
    if (!spec.contains) {
      for (const f of cands.slice(0, expect === 'absent' ? MAX_EVIDENCE : 1)) hits.push({ key, weight, text: '', ev: { path: f.path, detail: spec.detail } });
      continue;
    }
    const re = compileRegex(spec.contains, spec.flags);
    if (typeof re === 'string') return { outcome: 'fail', score: 0, evidence: [], note: re };
    let found = 0;
    for (const f of cands.slice(0, MAX_PATH_READS)) {
      const file = await ctx.read(f.path);
      if (!file) continue;
      let missed: string | null = null;
      // A Python module's check is on its code: not a comment, not a docstring (`Number of CPU workers for
      // ``.map()`` calls.` in a module whose every function is a stub is no preprocessing: set 56).
      const py = params.skipStubs && /\.py$/i.test(f.path);
      const scanned = scanLines(file, py ? 'code' : 'text');
      const inDoc = py ? insidePythonTripleString(scanned) : null;
      for (let j = 0; j < scanned.length; j++) {
        const l = scanned[j]!;
        if (inDoc?.[j]) continue;
        // The same text as a line that did not match does not match either (a non-global regex).
        if (l.text === missed) continue;
        const mm = re.exec(l.text);
        if (!mm) {
          missed = l.text;
          continue;
        }
        // A check as loose as "any non-blank character" matches one letter: show the line then.
        const shown = mm[0].trim().length < 4 ? l.text.trim() : mm[0];
        hits.push({ key, weight, text: '', ev: { path: f.path, line: l.line, ...(l.cell !== undefined ? { cell: l.cell } : {}), detail: fmt(shown, spec.detail, redact) } });
        found++;
        break;
      }
      if (found && expect === 'present') break;
      if (found >= MAX_EVIDENCE) break;
    }
  }

  // 2. Patterns in code files, within a deterministic read budget.
  let candidates: FileEntry[] = [];
  let skippedForBudget = 0;
  if (compiled.length) {
    const plan = readingPlan(ctx.files, params.files ?? DEFAULT_CODE_GLOBS, baseExclude, mode, params.prefer ?? [], maxFiles);
    candidates = plan.read;
    skippedForBudget = plan.skipped;
  }
  const repeatOf = (key: number): number => (key < compiled.length ? (compiled[key]!.spec.repeat ?? 1) : 1);
  const frameworkOf = (key: number): string | null => (key < compiled.length ? (compiled[key]!.spec.framework ?? null) : null);
  /** A `paths` entry whose partner pattern (`with`) has not counted: its hits wait (and are dropped at the end). */
  const waiting = (key: number): boolean => {
    if (key < compiled.length) return false;
    const partner = pathSpecs[key - compiled.length]?.with;
    return partner !== undefined && !hits.some((h) => h.key < compiled.length && compiled[h.key]!.spec.id === partner);
  };
  /** Reachers of a file, asked once per file (`nameOnly`). */
  const reachersCache = new Map<string, ReadonlySet<string> | null>();
  /** Whether a sign of an app framework counts in this file or in one it is reached from (anywhere, when reach is not judged). */
  const appReaches = (path: string): boolean => {
    const appFiles = new Set(hits.filter((h) => frameworkOf(h.key) !== null && !waiting(h.key) && h.ev.path).map((h) => h.ev.path!));
    if (!appFiles.size) return false;
    if (appFiles.has(path)) return true;
    let from = reachersCache.get(path);
    if (from === undefined) reachersCache.set(path, (from = reach && reach.judged ? reach.reachersOf(path) : null));
    return from === null || [...from].some((p) => appFiles.has(p));
  };
  /** A hit's weight: a `nameOnly` sign that no app reaches weighs less. */
  const hitWeight = (h: Hit): number => (h.solo && !appReaches(h.ev.path ?? '') ? compiled[h.key]!.spec.nameOnly!.weight : h.weight);
  const weightOf = (): number => {
    const texts = new Map<number, Set<string>>();
    const wOf = new Map<number, number>();
    for (const h of hits) {
      if (waiting(h.key)) continue;
      const set = texts.get(h.key) ?? new Set<string>();
      set.add(h.text);
      texts.set(h.key, set);
      wOf.set(h.key, Math.max(wOf.get(h.key) ?? 0, hitWeight(h)));
    }
    let w = 0;
    const byFramework = new Map<string, number>();
    for (const [k, set] of texts) {
      const kw = wOf.get(k)! * Math.min(repeatOf(k), set.size);
      const fw = frameworkOf(k);
      if (fw === null) w += kw;
      else byFramework.set(fw, (byFramework.get(fw) ?? 0) + kw);
    }
    // Signs of different app frameworks do not add up: the best framework's count.
    return w + Math.max(0, ...byFramework.values());
  };
  /** The frameworks whose signs were found, when more than one: only the best counts (for the note). */
  const frameworksFound = (): string[] => [...new Set(hits.map((h) => frameworkOf(h.key)).filter((f): f is string => f !== null))].sort();

  /** `generated`: base names of files a repo script writes from random draws, with the script. */
  const generated = params.generated ? await generatedFiles(ctx, params.generated, baseExclude) : new Map<string, string>();
  if (typeof generated === 'string') return { outcome: 'fail', score: 0, evidence: [], note: generated };
  /** `unlessImports`: per imported module file, whether its code has the `unless` line. */
  const importedCache = new Map<string, boolean>();
  const generatedNamed = (line: string, at: number, bound: ReadonlyMap<string, string>): { name: string; by: string } | null => {
    const rest = line.slice(at, at + 400);
    for (const m of rest.matchAll(/[\w.-]{1,120}/g)) {
      const w = m[0];
      const base = w.slice(w.lastIndexOf('/') + 1);
      const by = generated.get(base);
      if (by) return { name: base, by };
      const named = bound.get(w);
      if (named) return { name: named, by: generated.get(named)! };
    }
    return null;
  };

  let filesRead = 0;
  /** Code files the snapshot could not give (binary, too large, an LFS pointer, missing from the work tree): not "read". */
  let unreadable = 0;
  const unreadPaths: string[] = [];
  /** `sameFile` lines with `orImported`, looked for in the repo's own modules a file imports: by module and regex. */
  const importedHas = new Map<string, boolean>();
  /** Whether the repository has no Python file at all (a notebook then imports no module of its own). */
  let noOwnPython: boolean | undefined;
  /**
   * Whether a module the file imports, or one such a module imports (up to three hops), has the line in its code (outside
   * strings, not in a top-level function nothing calls). True when the reach is not judged (a large repo: its imports
   * are not followed, so nothing is held against the app) — but not for a notebook in a repository without a Python
   * file: it has no own module to import, so what it does not have nobody has (attack20: a notebook-only repo's
   * unfitted classifier and `train_model` counted as training, +7.8).
   */
  /** Per imported module and name: whether the module defines the function and every definition of it is a stub. */
  const stubIn = new Map<string, boolean | null>();
  /**
   * Why a bare call in a matched text is no substance, or null: the file imports the name from one of the
   * repository's own modules (`from metrics import compute_bleu`) where every definition of it is a stub (stub-body.ts).
   */
  const importedStub = async (path: string, lines: readonly ScanLine[], matched: string): Promise<string | null> => {
    const name = bareCallName(matched);
    if (!name || defsIn(lines).has(name) || !importsName(lines, name)) return null;
    const r = reach ?? (await reachOf(ctx));
    if (!r.judged) return null;
    for (const m of r.importsOf(path).slice(0, MAX_IMPORTED)) {
      const key = `${m}\u0000${name}`;
      let v = stubIn.get(key);
      if (v === undefined) {
        const file = await ctx.read(m);
        const ls = file ? scanLines(file, 'code') : [];
        const defs = defsIn(ls).get(name);
        stubIn.set(key, (v = defs?.length ? defs.every((d) => stubAt(ls, d)) : null));
      }
      if (v === true) return `\`${name}\` is a stub in ${m}: its body only raises NotImplementedError, logs, passes or returns a constant`;
      if (v === false) return null;
    }
    return null;
  };
  const inImported = async (path: string, re: RegExp): Promise<boolean> => {
    const r = reach ?? (await reachOf(ctx));
    if (!r.judged) return !(/\.ipynb$/i.test(path) && (noOwnPython ??= !ctx.files.some((x) => /\.py$/i.test(x.path))));
    // An own module the reach cannot resolve (`from src.rag.chain import build` with no such file): what it does is
    // unknown, so nothing is held against the app (`runnable` judges a missing package of its own).
    const own = await ownImportUnresolved(path);
    if (own) return true;
    const seen = new Set<string>([path]);
    let level = [path];
    for (let hop = 0; hop < IMPORT_HOPS && level.length && seen.size <= MAX_IMPORTED_ALL; hop++) {
      const next: string[] = [];
      for (const from of level) {
        for (const m of r.importsOf(from).slice(0, MAX_IMPORTED)) {
          if (seen.has(m)) continue;
          seen.add(m);
          next.push(m);
          const key = `${m}\u0000${re.source}\u0000${re.flags}`;
          let has = importedHas.get(key);
          if (has === undefined) {
            const file = await ctx.read(m);
            has = false;
            if (file) {
              const ls = scanLines(file, 'code');
              const inside = /\.py$/i.test(m) ? insidePythonTripleString(ls) : null;
              has = ls.some((x, i) => !inside?.[i] && x.text.length <= 2000 && re.test(withoutStrings(x.text)) && !r.deadAt(m, x.line, x.cell));
            }
            importedHas.set(key, has);
          }
          if (has) return true;
        }
      }
      level = next;
    }
    return false;
  };
  /**
   * Whether the snapshot may lack an own module no listed file is (`src/trainer` for `from src.trainer import fit_all`):
   * the listing is cut (a tree truncated by the host), the folder it would be in is not listed (a folder left out whole
   * may be git-ignored), or a .gitignore of the repository ignores the module (`src/settings.py`). Otherwise the folder
   * is listed in full and the module is not there: the import fails and it is held against the file (attack20: a
   * missing `src.trainer` imported at the top opened the learning gate for an unfitted classifier, +7.8). An LFS pointer
   * or an unread module is listed, so it is found.
   */
  let ignores: Array<{ dir: string; ig: Ignore }> | null = null;
  const snapshotMayLack = async (rel: string): Promise<boolean> => {
    if (ctx.snapshot.notes.some((n) => n.kind === 'truncated') || !moduleIndex().complete) return true;
    const parent = rel.slice(0, rel.lastIndexOf('/'));
    const prefixes = moduleIndex().folderPlaces.get(parent);
    if (!prefixes?.length) return true;
    if (!ignores) {
      ignores = [];
      for (const g of ctx.files.filter((x) => /(?:^|\/)\.gitignore$/.test(x.path)).slice(0, MAX_GITIGNORES)) {
        const text = (await ctx.read(g.path))?.text;
        if (text !== undefined && text.length <= 65536) ignores.push({ dir: g.path.slice(0, -'.gitignore'.length), ig: ignore().add(text) });
      }
    }
    for (const p of prefixes) {
      for (const file of [`${p}${rel}.py`, `${p}${rel}/__init__.py`]) {
        for (const { dir, ig } of ignores) if (file.startsWith(dir) && ig.ignores(file.slice(dir.length))) return true;
      }
    }
    return false;
  };
  /** Per file: whether a top-level `from a.b.c import` of its names an own module the snapshot may lack (see above). */
  const unresolvedCache = new Map<string, boolean>();
  /**
   * Where own modules and folders are, computed once from the listing (attack: a file of thousands of own imports over a
   * listing of 100,000 files tested every path per import): `modules` holds every path without `.py` and every folder,
   * each with all its trailing runs of segments (`a/src/trainer.py` → `a/src/trainer`, `src/trainer`, `trainer`);
   * `folderPlaces` maps a folder's trailing run to the prefixes it sits under (`src` in `a/src/x.py` → `a/`), at most
   * MAX_MODULE_PLACES each. Only the last MODULE_KEY_SEGMENTS segments of a path count: a deeper import stays
   * unresolved, as a folder not listed is. Bounded: paths of at most MAX_INDEX_DEPTH folders, MAX_INDEX_KEYS entries
   * (past them `complete` is false and every unresolved import is one the snapshot may lack).
   */
  let modules: { keys: Set<string>; folderPlaces: Map<string, string[]>; complete: boolean } | null = null;
  const moduleIndex = (): { keys: Set<string>; folderPlaces: Map<string, string[]>; complete: boolean } => {
    if (modules) return modules;
    const keys = new Set<string>();
    const folderPlaces = new Map<string, string[]>();
    const seenFolders = new Set<string>();
    let complete = true;
    for (const f of ctx.files) {
      const p = f.path;
      // Where each segment ends (the slashes), so every run is one slice; a path deeper than MAX_INDEX_DEPTH is left
      // out whole (its folders are then not listed: an import into them stays unresolved, as for a folder git-ignored).
      const ends: number[] = [];
      for (let i = 0; i < p.length && ends.length <= MAX_INDEX_DEPTH; i++) if (p.charCodeAt(i) === 47) ends.push(i);
      if (ends.length > MAX_INDEX_DEPTH) continue;
      if (keys.size > MAX_INDEX_KEYS) {
        complete = false;
        break;
      }
      const startOf = (k: number): number => (k ? ends[k - 1]! + 1 : 0);
      const depth = ends.length;
      if (/\.py$/i.test(p)) {
        for (let k = Math.max(0, depth + 1 - MODULE_KEY_SEGMENTS); k <= depth; k++) keys.add(p.slice(startOf(k), p.length - 3));
      }
      // Every folder of the path, deepest first, once per folder (a folder seen has its parents seen).
      for (let end = depth; end >= 1; end--) {
        const folder = p.slice(0, ends[end - 1]!);
        if (seenFolders.has(folder)) break;
        seenFolders.add(folder);
        for (let k = Math.max(0, end - MODULE_KEY_SEGMENTS); k < end; k++) {
          const key = p.slice(startOf(k), ends[end - 1]!);
          keys.add(key);
          const places = folderPlaces.get(key) ?? [];
          if (places.length < MAX_MODULE_PLACES) {
            places.push(p.slice(0, startOf(k)));
            folderPlaces.set(key, places);
          }
        }
      }
    }
    modules = { keys, folderPlaces, complete };
    return modules;
  };
  const ownImportUnresolved = async (path: string): Promise<boolean> => {
    let v = unresolvedCache.get(path);
    if (v !== undefined) return v;
    v = false;
    const file = /\.py$/i.test(path) ? await ctx.read(path) : null;
    if (file) {
      localNames ??= localModuleNames(ctx.files);
      let ownImports = 0;
      for (const l of scanLines(file, 'code')) {
        const m = l.text.length <= 300 ? OWN_FROM_IMPORT.exec(l.text) : null;
        if (!m || !localNames.has(m[1]!)) continue;
        const rel = `${m[1]}/${m[2]!.split('.').join('/')}`;
        if (++ownImports > MAX_OWN_IMPORTS) break;
        if (!moduleIndex().keys.has(rel) && (await snapshotMayLack(rel))) {
          v = true;
          break;
        }
      }
    }
    unresolvedCache.set(path, v);
    return v;
  };
  /** `orRepoFiles`: whether a reached repository file matching the globs has the line in its code, by globs and regex. */
  const repoHas = new Map<string, boolean>();
  const inRepoFiles = async (globs: string[], re: RegExp): Promise<boolean> => {
    const key = `${globs.join('\u0000')}\u0001${re.source}\u0000${re.flags}`;
    let has = repoHas.get(key);
    if (has !== undefined) return has;
    has = false;
    const r = reach ?? (await reachOf(ctx));
    const files = selectFiles(ctx.files, globs, { exclude: baseExclude, nocase: true }).filter((x) => r.reached(x.path) && !isTestNamed(x.path));
    for (const m of files.slice(0, MAX_REPO_FILES)) {
      const file = await ctx.read(m.path);
      if (!file) continue;
      const ls = scanLines(file, 'code');
      const inside = /\.py$/i.test(m.path) ? insidePythonTripleString(ls) : null;
      if (ls.some((x, i) => !inside?.[i] && x.text.length <= 2000 && re.test(withoutStrings(x.text)) && !r.deadAt(m.path, x.line, x.cell))) {
        has = true;
        break;
      }
    }
    repoHas.set(key, has);
    return has;
  };
  for (const f of candidates) {
    // With empty placeholder data folders, read on until something other than folder reading counts (see below).
    if (expect === 'present' && weightOf() >= need && hits.length >= MAX_EVIDENCE && (!placeholderNote || hits.some((h) => !compiled[h.key]?.spec.anyFolder))) break;
    if (reach && !reach.reached(f.path)) {
      judgedPaths.add(f.path);
      if (unreached.length < MAX_EVIDENCE) unreached.push({ path: f.path, detail: `not counted: nothing runs or imports ${f.path}` });
      continue;
    }
    const file = await ctx.read(f.path);
    if (!file) {
      if (!isMarkdownPath(f.path)) {
        unreadable++;
        if (unreadPaths.length < MAX_EVIDENCE) unreadPaths.push(f.path);
      }
      continue;
    }
    // Markdown is a code file only when it is a notebook (it has cells).
    if (!isMarkdownPath(f.path) || file.cells) filesRead++;
    const lines = scanLines(file, mode);
    judgedPaths.add(f.path);
    if (isTestNamed(f.path) && looksLikeTestCode(lines)) continue;
    const applicable = compiled.map((c, k) => ({ c, k })).filter(({ c }) => c.applies(f.path));
    if (!applicable.length) continue;
    const facts = params.realInputs && (PYTHON.test(f.path) || (file.cells && isMarkdownPath(f.path))) ? factsOf(file) : null;
    if (params.runnable && /\.py$/i.test(f.path)) {
      const broken = unboundAlias(lines, factsOf(file));
      if (broken) {
        if (unreached.length < MAX_EVIDENCE)
          unreached.push({ path: f.path, line: broken.line, detail: `not counted: ${f.path} calls \`${broken.name}.\` without importing or defining \`${broken.name}\` (a NameError when it runs)` });
        continue;
      }
      localNames ??= localModuleNames(ctx.files);
      const missing = missingLocalPackage(lines, localNames);
      if (missing) {
        if (unreached.length < MAX_EVIDENCE)
          unreached.push({
            path: f.path,
            line: missing.line,
            detail: `not counted: ${f.path} imports the project's own \`${missing.name}\` package, which the repository does not have (no \`${missing.name}/\` folder or \`${missing.name}.py\`: a ModuleNotFoundError before it runs)`,
          });
        continue;
      }
    }
    let deadNoted = false;
    let guardNoted = false;
    const fileHits: Array<
      Hit & { weak: boolean; idx: number; arg: string | null; learns?: ScanLine; name?: string; line: string; at: number; group: string | null }
    > = [];
    const python = PYTHON.test(f.path) || (!!file.cells && isMarkdownPath(f.path));
    const perKey = new Map<number, Set<string>>();
    /** The negative markers of this file, in order (at most MAX_MARKERS); which of them count is settled after the scan. */
    const markers: Marker[] = [];
    /** Notebooks: the cells with a `negativePerCellWhen` line. */
    const whenCells = new Set<number>();
    /** `sameFile` lines found in this file (by regex), and negative markers that yield here (`unless`). */
    const alsoFound = new Set<RegExp>();
    /** `sameFile` lines with `within`: where they are (index in `lines`, cell), at most MAX_NEAR each. */
    const alsoAt = new Map<RegExp, Array<{ idx: number; cell: number }>>();
    const alsoWanted = applicable.flatMap(({ c }) => c.also.map((a) => a.re));
    /** `orImported` lines are code: in a Python file a string naming the call, or a function nothing calls, does not make them. */
    const codeWanted = new Set(applicable.flatMap(({ c }) => c.also.filter((a) => a.orImported).map((a) => a.re)));
    /** `code` lines: outside strings, in any language. */
    const stringFree = new Set(applicable.flatMap(({ c }) => c.also.filter((a) => a.code && !a.orImported).map((a) => a.re)));
    const pyCode = /\.py$/i.test(f.path) || !!file.cells;
    const nearWanted = new Set(applicable.flatMap(({ c }) => c.also.filter((a) => a.within !== null).map((a) => a.re)));
    const unlessWanted = negatives.flatMap((n) => (n.unless ? [n.unless] : []));
    const unlessFound = new Set<RegExp>();
    const scopeWanted = negatives.flatMap((n) => (n.scopeWhen ? [{ re: n.scopeWhen, own: n.scopeNotDefinedAbove }] : []));
    /** `scopeWhen` lines seen so far (above the line being read). */
    const scopeSeen = new Set<RegExp>();
    /** Python functions defined so far in this file (`notDefinedAbove`), at most MAX_DEFINED names. */
    const definedAbove = scopeWanted.some((w) => w.own) ? new Set<string>() : null;
    /** Paths this file writes (`ownWrites`), with the index of the first line that writes each. */
    const written = new Map<string, number>();
    // Where a line is, for evidence: made for the lines that give some (most lines give none).
    const locOf = (l: ScanLine) => ({ path: f.path, line: l.line, ...(l.cell !== undefined ? { cell: l.cell } : {}) });
    /**
     * The text of the line before when it changed nothing (no negative marker, no `negativePerCellWhen`, `sameFile`,
     * `unless` or write line, no pattern could match): the same text again changes nothing either (every test here is a
     * non-global regex, so its answer depends on the text alone), and a run of equal lines (a hostile file of 500,000
     * `[`) costs one string comparison a line instead of every regex.
     */
    let inertText: string | null = null;
    // A line inside a triple-quoted string is text (`HELP = """` … `X = StandardScaler().fit_transform(X)` … `"""`).
    const inString = params.skipStrings && /\.py$/i.test(f.path) ? insidePythonTripleString(lines) : null;
    // With skipStrings, a Python or notebook line's pattern must also match with its one-line strings emptied, as with
    // `code: true` (review16: `note = "df = df.dropna()"` was preprocessing, +7.8); a pattern whose match is in a string
    // it needs says `code: false`.
    const impliedCode = params.skipStrings && /\.(?:py|ipynb)$/i.test(f.path);
    const unlessInString = unlessWanted.length && /\.py$/i.test(f.path) ? (inString ?? insidePythonTripleString(lines)) : null;
    const codeInString =
      (codeWanted.size || stringFree.size || applicable.some(({ c }) => c.spec.code)) && /\.py$/i.test(f.path) ? (inString ?? insidePythonTripleString(lines)) : null;
    /**
     * Per `orImported` regex: the functions this Python file defines whose own name matches it (`def fit_report(`,
     * `def fit_and_tune(`), as one pattern of their bare (or `self.`) calls and definitions, or null (none). Such a call
     * is the candidate's own function: it is what its body does, and its body's lines speak for themselves (a
     * `fit_and_tune` that calls `.fit(` counts there), so its name alone is no fit (attack20: `def fit_report(d):
     * print(d.describe())`, called, opened the learning gate, +7.8).
     */
    const ownNamed = new Map<RegExp, RegExp | null>();
    const ownNamedOf = (re: RegExp): RegExp | null => {
      let v = ownNamed.get(re);
      if (v !== undefined) return v;
      const names = new Set<string>();
      for (const x of lines) {
        if (names.size >= MAX_OWN_NAMED) break;
        const d = x.text.length <= 500 ? DEF_LINE.exec(x.text) : null;
        if (d && d[1]!.length <= 60 && re.test(`${d[1]}(`)) names.add(d[1]!);
      }
      v = names.size ? new RegExp(`(?:(?<![\\w.])|(?<=\\bself\\.))(?:${[...names].join('|')})(?=\\s*\\()`, 'g') : null;
      ownNamed.set(re, v);
      return v;
    };
    /** An `orImported` line: in Python code outside strings, and not in a top-level function nothing calls. */
    const codeLineHas = (l: ScanLine, idx: number, re: RegExp): boolean => {
      if (!pyCode) return re.test(l.text);
      if (codeInString?.[idx]) return false;
      const text = withoutStrings(l.text);
      if (!re.test(text)) return false;
      const own = ownNamedOf(re);
      if (own && !re.test(text.replace(own, '_own_'))) return false;
      return !reach?.deadAt(f.path, l.line, l.cell);
    };
    for (let idx = 0; idx < lines.length; idx++) {
      const l = lines[idx]!;
      if (inString?.[idx]) continue;
      if (l.text === inertText) {
        // The rest of its run of equal lines changes nothing either (in a string or not: both are skipped here).
        idx = sameRunEnd(lines, idx);
        continue;
      }
      inertText = null;
      let changed = false;
      if (markers.length < MAX_MARKERS) {
        for (const n of negatives) {
          const mm = n.re.exec(l.text);
          if (mm) {
            const after = n.after && (!n.scopeWhen || scopeSeen.has(n.scopeWhen));
            markers.push({ ev: { ...locOf(l), detail: fmt(mm[0], n.detail, false) }, n, after, idx, cell: l.cell ?? -1, name: mm.groups?.name ?? null });
            changed = true;
            break;
          }
        }
      }
      if (perCellWhen && l.cell !== undefined && perCellWhen.test(l.text)) {
        whenCells.add(l.cell);
        changed = true;
      }
      for (const re of alsoWanted) {
        const near = nearWanted.has(re);
        if (
          (near || !alsoFound.has(re)) &&
          (codeWanted.has(re) ? codeLineHas(l, idx, re) : stringFree.has(re) ? !codeInString?.[idx] && re.test(withoutStrings(l.text)) : re.test(l.text))
        ) {
          alsoFound.add(re);
          if (near) {
            const at = alsoAt.get(re) ?? [];
            if (at.length < MAX_NEAR) at.push({ idx, cell: l.cell ?? -1 });
            alsoAt.set(re, at);
          }
          changed = true;
        }
      }
      if (definedAbove && definedAbove.size < MAX_DEFINED) {
        const d = DEF_LINE.exec(l.text);
        if (d && !definedAbove.has(d[1]!)) {
          definedAbove.add(d[1]!);
          changed = true;
        }
      }
      for (const { re, own } of scopeWanted) {
        if (scopeSeen.has(re)) continue;
        const mm = re.exec(l.text);
        if (mm && !(own && mm.groups?.name && definedAbove?.has(mm.groups.name))) {
          scopeSeen.add(re);
          changed = true;
        }
      }
      // What lifts a marker is code, not text: a docstring or a message naming `torch.load(` loads no model.
      for (const re of unlessWanted) {
        if (!unlessFound.has(re) && !unlessInString?.[idx] && re.test(withoutStrings(l.text))) {
          unlessFound.add(re);
          changed = true;
        }
      }
      for (const re of writes) {
        const mm = re.exec(l.text);
        const target = mm?.[1] ? argKey(mm[1]) : '';
        if (target && !written.has(target) && written.size < MAX_MARKERS) {
          written.set(target, idx);
          changed = true;
        }
      }
      if (!maybe(l.text)) {
        if (!changed) inertText = l.text;
        continue;
      }
      const dead = reach ? reach.deadAt(f.path, l.line, l.cell) : null;
      const guarded = reach && !dead ? reach.guardedAt(f.path, l.line, l.cell) : null;
      for (const { c, k } of applicable) {
        const seen = perKey.get(k) ?? new Set<string>();
        if (seen.size >= (expect === 'absent' ? MAX_EVIDENCE : (c.spec.repeat ?? 1))) continue;
        const mm = c.re.exec(l.text);
        if (!mm) continue;
        if ((c.spec.code ?? impliedCode) && (codeInString?.[idx] || !c.re.test(withoutStrings(l.text)))) continue;
        if (dead) {
          if (!deadNoted && unreached.length < MAX_EVIDENCE) unreached.push({ ...locOf(l), detail: `not counted: \`${dead.name}()\` is never called — ${fmt(mm[0], c.spec.detail, redact)}` });
          deadNoted = true;
          continue;
        }
        if (guarded) {
          if (!guardNoted && unreached.length < MAX_EVIDENCE) unreached.push({ ...locOf(l), detail: `not counted: ${guarded} — ${fmt(mm[0], c.spec.detail, redact)}` });
          guardNoted = true;
          continue;
        }
        const free = facts ? freeInputs(l.text, mm.index, mm.index + mm[0].length, facts) : null;
        if (free) {
          if (noInputs.length < MAX_EVIDENCE) noInputs.push({ ...locOf(l), detail: `not counted: ${free.map((n) => `\`${n}\``).join(', ')} never defined in this file — ${fmt(mm[0], c.spec.detail, redact)}` });
          continue;
        }
        // Substance (Python): a pattern of a call that meets a `def` line's own name is a definition, not the call
        // (`def compute_bleu(` computes no BLEU; its calls are matched where they are); a `def` whose body is a stub
        // (only a docstring, `pass`, logging, constants, `raise NotImplementedError`) is no step; nor is a call of
        // one of the file's own functions that are all stubs (stub-body.ts).
        if (python && params.skipStubs) {
          const stub = stubOf(lines, l.text, idx, mm, c.spec.regex) ?? (await importedStub(f.path, lines, mm[0]));
          if (stub) {
            if (discarded.length < MAX_EVIDENCE * 4) discard({ ...locOf(l), detail: `not counted (${stub}): ${fmt(mm[0], c.spec.detail, redact)}` });
            continue;
          }
        }
        // A path that must name a committed data file: one that does not is no match.
        if (c.spec.tracked) {
          const named = mm[1] ? namesCommittedData(mm[1], ctx.files) : null;
          if (!named || !(await holdsData(named, mm[1]!, ctx.files, (p) => ctx.read(p), ctx.snapshot.head ? (p) => ctx.snapshot.head!(p) : undefined))) continue;
        }
        if (c.spec.trackedMinBytes) {
          const large = mm[1] ? namesLargeCommittedFile(mm[1], ctx.files, c.spec.trackedMinBytes) : null;
          if (!large || !(await holdsCorpus(large, ctx.files, (p) => ctx.read(p)))) continue;
        }
        if (c.spec.corpusInput && mm[1]) {
          const committed = namesLargeCommittedFile(mm[1], ctx.files, 1);
          const large = committed ? namesLargeCommittedFile(mm[1], ctx.files, c.spec.corpusInput) : null;
          if (committed && !(large && (await holdsCorpus(large, ctx.files, (p) => ctx.read(p))))) {
            if (discarded.length < MAX_EVIDENCE * 4)
              discard({ ...locOf(l), detail: `not counted (${committed} is no corpus: under ${c.spec.corpusInput} bytes, or text that does not read like one): ${fmt(mm[0], c.spec.detail, redact)}` });
            continue;
          }
        }
        if (c.spec.notFiller && mm[1]) {
          const named = namesLargeCommittedFile(mm[1], ctx.files, 1);
          if (named && (await isFiller(named, ctx.files, (p) => ctx.read(p)))) continue;
        }
        if (c.spec.distinctRows) {
          const lit = literalArgument(l.text, mm.index, mm[0]);
          const rep = lit ? await repeatedRows(ctx, lit) : null;
          if (rep) {
            if (discarded.length < MAX_EVIDENCE * 4)
              discard({ ...locOf(l), detail: `not counted (${rep.path} has ${rep.rows} rows but only ${rep.distinct} distinct: a stand-in for data): ${fmt(mm[0], c.spec.detail, redact)}` }, 'repeated-rows');
            continue;
          }
          const dvc = lit && c.spec.dvcMinBytes ? await dvcOutputNamed(ctx, lit) : null;
          if (dvc && dvc.bytes < c.spec.dvcMinBytes!) {
            if (discarded.length < MAX_EVIDENCE * 4)
              discard({ ...locOf(l), detail: `not counted (${dvc.pointer} says the file holds ${dvc.bytes} bytes: a few rows, a stand-in for data): ${fmt(mm[0], c.spec.detail, redact)}` }, 'repeated-rows');
            continue;
          }
        }
        if (c.spec.repeated && python && !runsRepeatedly(lines, idx)) {
          if (discarded.length < MAX_EVIDENCE * 4) discard({ ...locOf(l), detail: `not counted (runs once: in no loop or function): ${fmt(mm[0], c.spec.detail, redact)}` });
          continue;
        }
        if (c.spec.workingBody && python && blockDoesWork(lines, idx) === false) {
          if (discarded.length < MAX_EVIDENCE * 4) discard({ ...locOf(l), detail: `not counted (an empty block: its body calls and updates nothing): ${fmt(mm[0], c.spec.detail, redact)}` });
          continue;
        }
        const learns = c.loop && python ? learningInLoop(lines, idx, c.loop.re) : null;
        const text = mm[0].replace(/\s+/g, ' ').trim();
        // A match inside a loop that learns waits for the file's end (its `unless` line may come later); another
        // match of the same text may still count.
        if (learns) {
          fileHits.push({ key: k, weight: c.weight, text, weak: c.spec.weak ?? false, idx, arg: writes.length ? firstArgument(l.text, mm.index, mm[0]) : null, learns, line: l.text, at: mm.index, group: mm.slice(1).find((g) => g) ?? null, ev: { ...locOf(l), detail: fmt(mm[0], c.spec.detail, redact) } });
          continue;
        }
        const name = c.spec.declared ? mm.groups?.name : undefined;
        // A match whose name is not declared as it must be may be followed by one of the same text on a declared name.
        if (c.spec.declared && !(name && declaredIn(lines, c.spec.declared, name))) {
          if (discarded.length < MAX_EVIDENCE * 4) discard({ ...locOf(l), detail: `not counted (nothing in the file ${c.spec.declared.detail.replace('{name}', name ?? '?')}): ${fmt(mm[0], c.spec.detail, redact)}` }, 'missing-beside');
          continue;
        }
        if (seen.has(text)) continue;
        seen.add(text);
        perKey.set(k, seen);
        fileHits.push({ key: k, weight: c.weight, text, weak: c.spec.weak ?? false, idx, arg: writes.length ? firstArgument(l.text, mm.index, mm[0]) : null, line: l.text, at: mm.index, group: mm.slice(1).find((g) => g) ?? null, ev: { ...locOf(l), detail: fmt(mm[0], c.spec.detail, redact) } });
      }
    }
    // Which markers count: not one whose `unless` line the file has (a mock that is only the fallback of a real load),
    // not one whose captured name no later line uses as `usedBy` asks (random numbers nothing fits or plots).
    const usedLater = usedByCheck(lines);
    let importsLoad: boolean | undefined;
    const liftedByImport = async (m: Marker): Promise<boolean> => {
      if (!m.n.unlessImports || !m.n.unless) return false;
      importsLoad ??= await importsModuleMatching(ctx, f.path, lines, m.n.unless, importedCache);
      return importsLoad;
    };
    const valid: Marker[] = [];
    for (const m of markers) {
      if (m.n.unless && unlessFound.has(m.n.unless)) continue;
      if (m.n.usedBy && !usedLater(m)) continue;
      if (await liftedByImport(m)) continue;
      valid.push(m);
    }
    /** Notebooks: the cells holding a marker that counts. */
    const markerCells = new Set(valid.map((m) => m.cell));
    // A notebook that trains outside its app cells: a marker discounts weak evidence in its own cell only.
    const perCell = [...whenCells].some((c) => !markerCells.has(c));
    /** The marker that discounts a weak match here: in its cell (per-cell notebooks), and above it when scoped `after`. */
    const markerFor = (h: { idx: number; ev: Evidence }): Marker | undefined =>
      valid.find((m) => (!perCell || h.ev.cell === undefined || m.cell === h.ev.cell) && (!m.after || m.idx <= h.idx));
    let shownMarker: Marker | undefined;
    // Metrics in a file that scores the model only on the data it was fitted on are training scores.
    const inSample = python && fileHits.some((h) => compiled[h.key]!.spec.heldOutOnly) ? inSampleScoring(lines) : null;
    const unlessLine = new Map<RegExp, boolean>();
    const lifted = (re: RegExp | null): boolean => {
      if (!re) return false;
      let v = unlessLine.get(re);
      // A Python block header (`for run in range(n_runs):`) lifts only when its body does some work: an empty loop of
      // runs repeats nothing (attack14: `for run in range(n_runs): pass` made training returns an evaluation, +3.0).
      if (v === undefined) unlessLine.set(re, (v = lines.some((x, i) => re.test(x.text) && !(python && blockDoesWork(lines, i) === false))));
      return v;
    };
    const boundToGenerated = generated.size && fileHits.length ? namesBoundTo(lines, generated) : new Map<string, string>();
    const keptTexts = new Map<number, Set<string>>();
    const hitsBefore = hits.length;
    /** The lines of this file's matches that count (for `syntheticFits`: does what they read reach a fit?). */
    const keptIdx: number[] = [];
    /** A read of a file the repo generates from random draws, in this file (made-up data, for `syntheticFits`). */
    let madeHere: Evidence | null = null;
    /** `also` templates with the hit's `{group}` filled in, compiled once per name in this file. */
    const groupRes = new Map<string, RegExp | null>();
    const groupRegex = (t: { regex: string; flags?: string }, group: string | null): RegExp | null => {
      const name = (group ?? '').replace(/[`"'[\]]/g, '').split('.').pop() ?? '';
      if (!/^\w{1,60}$/.test(name)) return null;
      const key = `${t.regex}\u0000${name}`;
      if (!groupRes.has(key)) {
        const re = compileRegex(t.regex.split('{group}').join(name), t.flags);
        groupRes.set(key, typeof re === 'string' ? null : re);
      }
      return groupRes.get(key)!;
    };
    for (const h of fileHits) {
      // The first veto that applies (a pattern may have several: an Airflow task's hand-on, a query its user typed).
      const not = compiled[h.key]!.not.find((n) => (!n.onLine || n.onLine.test(h.line)) && lifted(n.re) && (!n.also || lifted(n.also)) && (!n.alsoTemplate || lifted(groupRegex(n.alsoTemplate, h.group))) && !lifted(n.unless));
      if (not) {
        const at = lines.find((x) => not.re.test(x.text));
        const ev = { ...h.ev, detail: `not counted (the file ${not.detail}${at ? `, line ${at.line}` : ''}): ${h.ev.detail}` };
        // A veto about what the line does (`onLine`, `also`: an app's own input and records) is no training score.
        if (not.onLine || not.also || not.alsoTemplate) {
          if (discarded.length < MAX_EVIDENCE * 4) discard(ev);
        } else if (trainingScores.length < MAX_EVIDENCE) trainingScores.push(ev);
        continue;
      }
      const loop = compiled[h.key]!.loop;
      if (h.learns && loop && !lifted(loop.unless)) {
        if (trainingScores.length < MAX_EVIDENCE)
          trainingScores.push({ ...h.ev, detail: `not counted (a training return: its loop ${loop.detail}, \`${snippet(h.learns.text.trim(), false)}\` line ${h.learns.line}): ${h.ev.detail}` });
        continue;
      }
      if (h.learns) {
        // Lifted by the file's `unless` line: counts once per text, like any other match.
        const kept = keptTexts.get(h.key) ?? new Set<string>();
        if (kept.has(h.text) || (perKey.get(h.key)?.has(h.text) ?? false)) continue;
        kept.add(h.text);
        keptTexts.set(h.key, kept);
      }
      if (inSample && compiled[h.key]!.spec.heldOutOnly) {
        if (trainingScores.length < MAX_EVIDENCE)
          trainingScores.push({
            ...h.ev,
            detail: `not counted (a training score: the file predicts on \`${inSample.name}\`, the data it fits on, line ${inSample.at.line}, and holds nothing out): ${h.ev.detail}`,
          });
        continue;
      }
      const cell = h.ev.cell ?? -1;
      let missing: Compiled['also'][number] | undefined;
      for (const a of compiled[h.key]!.also) {
        const ok =
          a.within === null
            ? alsoFound.has(a.re) || (a.orImported && (await inImported(f.path, a.re))) || (a.orRepoFiles !== null && (await inRepoFiles(a.orRepoFiles, a.re)))
            : (alsoAt.get(a.re) ?? []).some((p) => p.cell === cell && Math.abs(p.idx - h.idx) <= a.within!);
        if (!ok) {
          missing = a;
          break;
        }
      }
      if (missing) {
        const ev = { ...h.ev, detail: `not counted (nothing in the ${missing.within === null ? (missing.orImported ? 'file or the modules it imports' : 'file') : 'lines around it'} ${missing.detail}): ${h.ev.detail}` };
        discard(ev, 'missing-beside');
        if (missing.orImported && !lacking.some((e) => e.path === ev.path)) {
          lacking.push(ev);
          lackingDetail = missing.detail;
        }
        continue;
      }
      const wroteAt = h.arg ? written.get(h.arg) : undefined;
      if (wroteAt !== undefined && wroteAt < h.idx) {
        discard({ ...h.ev, detail: `not counted (reads back \`${h.arg}\`, which this file wrote itself above: its own output, not a data source): ${h.ev.detail}` }, 'own-output');
        continue;
      }
      const made = generated.size ? generatedNamed(h.line, h.at, boundToGenerated) : null;
      if (made) {
        madeHere ??= { ...h.ev, detail: `reads \`${made.name}\`, written by ${made.by} from random draws` };
        if (discarded.length < MAX_EVIDENCE * 4)
          discard({ ...h.ev, detail: `not counted (synthetic: \`${made.name}\` is written by ${made.by} from random draws, and that script reads no data): ${h.ev.detail}` });
        continue;
      }
      const marker = h.weak ? markerFor(h) : undefined;
      if (marker) {
        shownMarker ??= marker;
        discard({ ...h.ev, detail: `not counted (same ${perCell ? 'cell' : 'file'} as ${marker.ev.detail.replace(/^`[^`]*` — /, '')}): ${h.ev.detail}` });
        continue;
      }
      keptIdx.push(h.idx);
      hits.push({ key: h.key, weight: h.weight, text: h.text, ev: h.ev, ...(compiled[h.key]!.solo?.(f.path) ? { solo: true as const } : {}) });
    }
    if (fitsRe) {
      const fitAt = lines.findIndex((x, i) => !inString?.[i] && x.text.length <= 2000 && (python ? codeLineHas(x, i, fitsRe) : fitsRe.test(x.text)));
      if (fitAt >= 0) {
        const synth = python ? (valid.find((m) => m.n.synthetic)?.ev ?? madeHere) : null;
        const fm = fitsRe.exec(lines[fitAt]!.text);
        // A read beside the fit that no fit is handed (attack21: `_raw = pd.read_csv(...)` next to a `make_classification`
        // fit, +7.9): every fit line fits names bound from the synthetic markers, none bound from what counted.
        const synthIdx = valid.filter((m) => m.n.synthetic).map((m) => m.idx);
        const counted = hits.length > hitsBefore && !(synth && synthIdx.length && fitsOnlySynthetic(lines, fitsRe, synthIdx, keptIdx, inString));
        fitFiles.push({ path: f.path, fit: { ...locOf(lines[fitAt]!), detail: fmt(fm?.[0] ?? lines[fitAt]!.text.trim(), 'fits a model', redact) }, synthetic: synth, counted });
      }
    }
    const marker = shownMarker ?? valid[0];
    if (marker && negativeEv.length < MAX_EVIDENCE) negativeEv.push(marker.ev);
  }
  // A database the repo seeds with random rows: reading it reads made-up rows (`seededDatabase`).
  const databaseRes = new Map<string, RegExp | null>();
  const isDatabaseHit = (h: Hit): boolean => {
    if (h.key >= compiled.length) return !!pathSpecs[h.key - compiled.length]?.database;
    const db = compiled[h.key]!.spec.database;
    if (typeof db !== 'string') return !!db;
    if (!databaseRes.has(db)) {
      const re = compileRegex(db, 'i');
      databaseRes.set(db, typeof re === 'string' ? null : re);
    }
    return databaseRes.get(db)?.test(h.text) ?? false;
  };
  if (params.seededDatabase && hits.some(isDatabaseHit)) {
    const pathRe = compileRegex(params.seededDatabase.path, 'i');
    const drawsRe = compileRegex(params.seededDatabase.draws);
    const writesRe = compileRegex(params.seededDatabase.writes);
    if (typeof pathRe === 'string') return { outcome: 'fail', score: 0, evidence: [], note: pathRe };
    if (typeof drawsRe === 'string') return { outcome: 'fail', score: 0, evidence: [], note: drawsRe };
    if (typeof writesRe === 'string') return { outcome: 'fail', score: 0, evidence: [], note: writesRe };
    const readsRe = params.seededDatabase.reads ? compileRegex(params.seededDatabase.reads) : null;
    if (typeof readsRe === 'string') return { outcome: 'fail', score: 0, evidence: [], note: readsRe };
    const isExcluded = globMatcher([...baseExclude, ...TEST_NAMED_GLOBS], { nocase: true });
    let seeder: Evidence | null = null;
    for (const f of ctx.files.filter((x) => /\.py$/i.test(x.path) && pathRe.test(x.path) && !isExcluded(x.path)).slice(0, MAX_SEEDER_READS)) {
      const file = await ctx.read(f.path);
      if (!file) continue;
      const ls = scanLines(file, 'code');
      const inside = insidePythonTripleString(ls);
      const code = (re: RegExp): number => ls.findIndex((x, i) => !inside[i] && x.text.length <= 2000 && re.test(withoutStrings(x.text)));
      const at = code(drawsRe);
      // The rows are written in SQL as often as through a library: `cur.execute("INSERT INTO sales …")`, a query in a
      // triple-quoted string, so the writes are looked for in the lines as written.
      const writes = ls.some((x) => x.text.length <= 2000 && writesRe.test(x.text));
      if (at >= 0 && writes && !(readsRe && code(readsRe) >= 0)) {
        seeder = { path: f.path, line: ls[at]!.line, detail: params.seededDatabase.detail };
        break;
      }
    }
    if (seeder) {
      for (let i = hits.length - 1; i >= 0; i--) {
        const h = hits[i]!;
        if (!isDatabaseHit(h)) continue;
        hits.splice(i, 1);
        discard({ ...h.ev, detail: `not counted (${seeder.path} line ${seeder.line} ${params.seededDatabase.detail}: the database's rows are made up): ${h.ev.detail}` });
      }
    }
  }
  // Every model fitted on made-up numbers: what else the repo reads is not what it learns from (`syntheticFits`).
  let syntheticNote = '';
  const syntheticDropped: Evidence[] = [];
  if (fitsRe && params.syntheticFits && hits.length && fitFiles.length && !skippedForBudget && fitFiles.every((x) => x.synthetic && !x.counted)) {
    const blocked = await (async (): Promise<boolean> => {
      // A match that counts in a language whose fits are not judged here.
      if (hits.some((h) => h.key < compiled.length && !/\.(?:py|ipynb)$/i.test(h.ev.path ?? ''))) return true;
      // A module a fitting file imports (up to three hops) with a match that counts: the data is loaded there.
      const hitPaths = new Set(hits.map((h) => h.ev.path ?? ''));
      const r = reach ?? (await reachOf(ctx));
      // A repository of notebooks alone has no module of its own to import, so its reach needs no judging (attack21:
      // a notebook that read a CSV, printed it and fitted make_classification kept its data, the reach unjudged).
      if (!r.judged && ctx.files.some((f) => /\.py$/i.test(f.path))) return true;
      for (const ff of r.judged ? fitFiles : []) {
        const seen = new Set<string>([ff.path]);
        let level = [ff.path];
        for (let hop = 0; hop < IMPORT_HOPS && level.length && seen.size <= MAX_IMPORTED_ALL; hop++) {
          const next: string[] = [];
          for (const from of level) {
            for (const m of r.importsOf(from).slice(0, MAX_IMPORTED)) {
              if (seen.has(m)) continue;
              if (hitPaths.has(m)) return true;
              seen.add(m);
              next.push(m);
            }
          }
          level = next;
        }
        // A file that runs both the fit and a read (an entry script importing the training loop and the data module,
        // handing the loader over): the data reaches the model through it.
        const runners = r.reachersOf(ff.path);
        if (runners?.size) {
          for (const p of hitPaths) {
            if (runners.has(p)) return true;
            const theirs = r.reachersOf(p);
            if (theirs && [...theirs].some((x) => runners.has(x))) return true;
          }
        }
      }
      // A code file not read through (the scan stopped early) that fits a model: it may fit real data.
      for (const f of candidates) {
        if (judgedPaths.has(f.path)) continue;
        if (reach && !reach.reached(f.path)) continue;
        const file = await ctx.read(f.path);
        if (!file) continue;
        const ls = scanLines(file, mode);
        if (isTestNamed(f.path) && looksLikeTestCode(ls)) continue;
        if (ls.some((x) => x.text.length <= 2000 && fitsRe!.test(x.text))) return true;
      }
      return false;
    })();
    if (!blocked) {
      const first = fitFiles[0]!;
      syntheticNote = `${params.syntheticFits.detail}: ${fitFiles.map((x) => x.path).slice(0, 3).join(', ')} (${first.synthetic!.path === first.path && first.synthetic!.line !== undefined ? `line ${first.synthetic!.line}: ` : ''}${first.synthetic!.detail.replace(/^`[^`]*` — /, '')}), and nothing the model learns from is read`;
      for (const h of hits.splice(0)) {
        const ev = { ...h.ev, detail: `not counted (${params.syntheticFits.detail}): ${h.ev.detail}` };
        discard(ev);
        if (syntheticDropped.length < 2) syntheticDropped.push(ev);
      }
    }
  }
  // Half of a two-file sign whose other half (the `with` pattern) never counted: not counted.
  const unpaired: Evidence[] = [];
  for (let i = hits.length - 1; i >= 0; i--) {
    const h = hits[i]!;
    if (!waiting(h.key)) continue;
    hits.splice(i, 1);
    const partner = pathSpecs[h.key - compiled.length]!.with!;
    const what = compiled.find((c) => c.spec.id === partner)?.spec.detail ?? partner;
    if (!unpaired.length) unpaired.push({ ...h.ev, detail: `not counted (nothing ${what.replace(/,.*$/, '')}): ${h.ev.detail}` });
  }
  // Code that reads whatever a folder holds, in a repo whose data folders are empty placeholders: when nothing else
  // (a download, a named file, a dataset loader) says where the data comes from, there is no data to read.
  if (placeholderNote && hits.length && hits.every((h) => compiled[h.key]?.spec.anyFolder)) {
    for (const h of hits.splice(0)) discard({ ...h.ev, detail: `not counted (${placeholderNote}): ${h.ev.detail}` });
  }
  let weight = weightOf();
  /** A shell app's infrastructure capped (`shellPropsCap`): the app file that lacks a model and returns a mock. */
  let shellNote: string | null = null;
  let shellEv: Evidence | null = null;
  if (expect === 'present' && params.shellPropsCap !== undefined && weight > params.shellPropsCap && lacking.length && negativeEv.length) {
    const shell = negativeEv.find((e) => lacking.some((l) => l.path === e.path));
    const counted = hits.filter((h) => !waiting(h.key));
    if (shell && counted.every((h) => h.key >= compiled.length && h.weight <= 0.5)) {
      weight = params.shellPropsCap;
      shellEv = shell;
      shellNote = `infrastructure around a shell app only: ${shell.path} runs no model and answers with a mock (${shell.detail})`;
    }
  }
  const ratio = Math.min(1, weight / need);
  const score = expect === 'present' ? ratio : 1 - ratio;

  // Evidence: the strongest distinct matches first, one per pattern, in a stable order.
  const byKey = new Map<number, Hit[]>();
  for (const h of hits) {
    const arr = byKey.get(h.key) ?? [];
    arr.push(h);
    byKey.set(h.key, arr);
  }
  const keys = [...byKey.keys()].sort((a, b) => byKey.get(b)![0]!.weight - byKey.get(a)![0]!.weight || a - b);
  const evidence: Evidence[] = [];
  for (let round = 0; evidence.length < MAX_EVIDENCE && round < MAX_EVIDENCE; round++) {
    let added = false;
    for (const k of keys) {
      const h = byKey.get(k)![round];
      if (h && evidence.length < MAX_EVIDENCE) {
        const ev = hitWeight(h) < h.weight ? { ...h.ev, detail: `${h.ev.detail} (${compiled[h.key]!.spec.nameOnly!.detail})` } : h.ev;
        evidence.push(expect === 'absent' ? { ...ev, problem: true } : ev);
        added = true;
      }
    }
    if (!added || expect === 'present') break;
  }

  const notes: string[] = [];
  if (expect === 'present' && weight === 0) {
    if (syntheticNote) {
      notes.push(syntheticNote);
      evidence.push(...fitFiles.slice(0, 1).flatMap((x) => [x.fit, ...(x.synthetic ? [{ ...x.synthetic, detail: `not a data source: ${x.synthetic.detail}` }] : [])]), ...syntheticDropped);
    } else if (placeholderNote && discarded.length && !negativeEv.length) {
      notes.push(`only code that reads whatever a folder holds was found, and ${placeholderNote}: no dataset is in the repo, and nothing downloads or names one`);
      evidence.push(...discarded.slice(0, 2).map((d) => d.ev));
    } else if (trainingScores.length && !negativeEv.length) {
      notes.push(`only scores of the model on its own training data were found in ${filesRead} code file${filesRead === 1 ? '' : 's'} read`);
    } else if (!negativeEv.length && discarded.length && discarded.every((d) => d.why === 'own-output' || d.why === 'repeated-rows')) {
      notes.push('only reads of the code\'s own output or of a committed table of repeated rows were found (no real data)');
      evidence.push(...discarded.slice(0, 2).map((d) => d.ev));
    } else if (!negativeEv.length && lacking.length) {
      notes.push(`only app signs in files that do not qualify were found: nothing in ${lacking.map((e) => e.path).slice(0, 3).join(', ')} or the modules it imports ${lackingDetail}`);
      evidence.push(...lacking.slice(0, 2));
    } else if (!negativeEv.length && discarded.length && discarded.every((d) => d.why === 'missing-beside')) {
      notes.push('only matches without what must be beside them were found (each says what is missing)');
      evidence.push(...discarded.slice(0, 2).map((d) => d.ev));
    } else if (discarded.length || negativeEv.length) {
      const means = params.negativeMeans ?? { label: 'not a data source', note: 'only weak evidence next to synthetic or user-supplied data was found' };
      notes.push(means.note);
      evidence.push(...negativeEv.slice(0, 2).map((e) => ({ ...e, detail: `${means.label}: ${e.detail}` })), ...discarded.slice(0, 2).map((d) => d.ev));
    } else {
      const unread = unreadable ? `; ${unreadable} could not be read (see the source notes)` : '';
      notes.push(`nothing matched in ${filesRead} code file${filesRead === 1 ? '' : 's'} read${unread}`);
    }
  } else if (expect === 'present' && score < 1) {
    notes.push('weak evidence only');
    if (shellNote) notes.push(shellNote);
    if (shellEv) evidence.push({ ...shellEv, detail: `${params.negativeMeans?.label ?? 'a shell'}: ${shellEv.detail}` });
    const reduced = hits.find((h) => hitWeight(h) < h.weight);
    if (reduced) notes.push(`${reduced.ev.path}: ${compiled[reduced.key]!.spec.nameOnly!.detail}`);
  }
  const frameworks = frameworksFound();
  if (expect === 'present' && score < 1 && frameworks.length > 1) notes.push(`signs of ${frameworks.length} app frameworks (${frameworks.join(', ')}): only the best one's count, shells in several frameworks are not one app`);
  if (expect === 'present' && score < 1 && (unreached.length || noInputs.length)) {
    const parts: string[] = [];
    if (unreached.length) parts.push('matches in code that never runs (a file nothing runs or imports, a function nothing calls, code after an early return that always runs or under an `if` that never does, a file that calls a module it never imports)');
    if (noInputs.length) parts.push('calls on names never defined in their file');
    notes.push(`not counted: ${parts.join('; ')}`);
    if (weight === 0) evidence.push(...[...unreached, ...noInputs].slice(0, 2));
  }
  if (expect === 'present' && score < 1 && weight > 0 && lacking.length) {
    notes.push(`not counted: nothing in ${lacking.map((e) => e.path).slice(0, 3).join(', ')} or the modules it imports ${lackingDetail}`);
    evidence.push(...lacking.slice(0, 1));
  }
  if (expect === 'present' && score < 1 && trainingScores.length) {
    notes.push('not counted: scores of the model on its own training data (metrics on the data it was fitted on, returns summed while it learns)');
    evidence.push(...trainingScores.slice(0, weight === 0 ? 2 : 1));
  }
  if (expect === 'present' && score < 1 && unpaired.length) {
    notes.push(`not counted without its other half: ${unpaired[0]!.path}`);
    evidence.push(...unpaired);
  }
  if (expect === 'present' && score < 1 && rejectedRuns.length) {
    notes.push(`not counted as a training run's record: ${rejectedRuns[0]!.path}`);
    evidence.push(...rejectedRuns.slice(0, 1));
  }
  if (expect === 'present' && score < 1 && copiedTrees.length) {
    const named = copiedTrees.slice(0, 3).map((g) => g.replace(/\/\*\*$/, '/')).join(', ');
    notes.push(
      `not read: code copied from another project (${named}${copiedTrees.length > 3 ? ', …' : ''}: its files carry that project's copyright header) — a pasted library is not the candidate's pipeline`,
    );
  }
  if (params.noteArchives && expect === 'present' && score < 1) {
    const archives = selectFiles(ctx.files, ARCHIVE_GLOBS, { exclude: baseExclude, nocase: true });
    if (archives.length) {
      const named = archives.slice(0, 3).map((f) => f.path).join(', ');
      notes.push(
        `not read: ${archives.length} archive${archives.length === 1 ? '' : 's'} in the repo (${named}${archives.length > 3 ? ', …' : ''}) — code inside an archive is not analysed, and a reader browsing the repo cannot open it either`,
      );
    }
  }
  if (skippedForBudget > 0 && score < 1 && expect === 'present') notes.push(`read budget of ${maxFiles} files reached; ${skippedForBudget} more not read`);
  if (skippedForBudget > 0 && expect === 'absent') notes.push(`read budget of ${maxFiles} files reached; ${skippedForBudget} more not checked`);
  // Code files that could not be read may hold what the rule looks for: when the files read do not settle it, it is
  // not measured (never a fail with advice to add what may be there), counted as what the files read earn.
  if (expect === 'present' && score < 1 && unreadable > 0) return notMeasuredForUnread(ctx, score, evidence, unreadPaths, unreadable, filesRead);
  return measured({ score, evidence: evidence.slice(0, MAX_EVIDENCE), ...(notes.length ? { note: notes.join('; ') } : {}) });
}

/** Why the snapshot could not give a file, from its notes ("skipped: 61234567 bytes is over the 26214400-byte cap"). */
function whyUnread(ctx: ProbeContext, path: string): string {
  const n = ctx.snapshot.notes.findLast((x) => x.path === path);
  return n ? n.message.replace(/^skipped: /, '') : 'the source did not give it';
}

/**
 * The result of a rule whose files read do not settle it while some code files could not be read: not measurable,
 * counted as what the files read earn (`score`, the floor), the unread files named with why, and no advice (the stage
 * may be there).
 */
function notMeasuredForUnread(ctx: ProbeContext, score: number, found: Evidence[], paths: string[], unreadable: number, filesRead: number): ProbeResult {
  const unread = paths.map((p) => ({ path: p, why: whyUnread(ctx, p) }));
  const why = unread.map((u) => ({ path: u.path, detail: `could not be read: ${u.why}` }));
  const files = (n: number): string => `${n} code file${n === 1 ? '' : 's'}`;
  const pct = `${Math.round(score * 100)}%`;
  const read = filesRead
    ? `, and the ${files(filesRead)} read ${filesRead === 1 ? 'does' : 'do'} not settle it${score > 0 ? ` (${filesRead === 1 ? 'it earns' : 'they earn'} ${pct})` : ''}`
    : '';
  const note =
    `not measured: ${files(unreadable)} could not be read (${paths.join(', ')}${unreadable > paths.length ? ', …' : ''})${read}; ` +
    `it counts as ${pct} until ${unreadable === 1 ? 'that file' : 'those files'} can be read`;
  return { outcome: 'not-measurable', score, evidence: [...found.slice(0, MAX_EVIDENCE - Math.min(why.length, 2)), ...why].slice(0, MAX_EVIDENCE), note, unread };
}

/** Python files and notebooks scanned at most for `generated` writers. */
const MAX_GENERATED_SCAN = 300;
/** A line assigning one name (`names = open(…).read()`), the name in group 1: not `a == b`, not `a[i] =`, not `a.b =`. */
const ASSIGNED_NAME = /^\s*([A-Za-z_]\w{0,60})\s*=(?!=)/;
/** Reads per file whose assigned name is looked for on later lines (each a scan of the rest of the file). */
const MAX_DEAD_READ_CHECKS = 16;

/**
 * Whether `name` appears as a word on a line other than `idx` (its use: a read's result flowing anywhere), not counting
 * lines that match `skip`.
 */
function usedElsewhere(lines: readonly ScanLine[], idx: number, name: string, skip?: RegExp): boolean {
  for (let j = 0; j < lines.length; j++) {
    if (j === idx) continue;
    const t = lines[j]!.text;
    if (skip && t.length <= 2000 && skip.test(t)) continue;
    let at = t.indexOf(name);
    while (at >= 0) {
      const before = at > 0 ? t[at - 1]! : ' ';
      const after = t[at + name.length] ?? ' ';
      if (!/\w/.test(before) && !/\w/.test(after)) return true;
      at = t.indexOf(name, at + 1);
    }
  }
  return false;
}

/** The names a line assigns (`X, y = …`, `(X, y) = …`, `df = …`), not `a == b`, `a[i] =`, `a.b =`. */
const ASSIGNED_NAMES = /^[ \t]*(?:\([ \t]*)?([A-Za-z_]\w{0,60}(?:[ \t]*,[ \t]*[A-Za-z_]\w{0,60}){0,7})[ \t]*(?:\)[ \t]*)?=(?!=)/;
const IDENTIFIER = /[A-Za-z_]\w{0,60}/g;

/**
 * Whether every line of a file that fits a model (`fitsRe`, in code) fits only made-up numbers: the names it hands the
 * fit descend from the assignments of the synthetic markers' lines (`synthIdx`: `X, y = make_classification(…)`, then
 * `X = pd.DataFrame(X, …)`) and none from a line whose match counted (`realIdx`: `df = pd.read_csv(…)`). A fit of names
 * of neither kind (a function's parameters, `loss.backward()`) may fit real data: false.
 */
function fitsOnlySynthetic(lines: readonly ScanLine[], fitsRe: RegExp, synthIdx: readonly number[], realIdx: readonly number[], inString: readonly boolean[] | null): boolean {
  const real = new Set<string>();
  const fake = new Set<string>();
  const namesOf = (i: number): string[] => {
    const m = ASSIGNED_NAMES.exec(lines[i]!.text);
    return m ? m[1]!.split(',').map((x) => x.trim()) : [];
  };
  const realLines = new Set(realIdx);
  const synthLines = new Set(synthIdx);
  for (const i of realIdx) for (const n of namesOf(i)) real.add(n);
  for (const i of synthIdx) for (const n of namesOf(i)) fake.add(n);
  const words = (t: string): string[] => withoutStrings(t).match(IDENTIFIER) ?? [];
  // Two passes in line order (a notebook's cells may bind a name below its use in a function).
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < lines.length && i < 5000; i++) {
      if (realLines.has(i) || synthLines.has(i) || inString?.[i] || lines[i]!.text.length > 2000) continue;
      const lhs = namesOf(i);
      if (!lhs.length) continue;
      const rhs = words(lines[i]!.text.slice(lines[i]!.text.indexOf('=') + 1));
      if (rhs.some((w) => real.has(w))) for (const n of lhs) real.add(n);
      else if (rhs.some((w) => fake.has(w))) for (const n of lhs) fake.add(n);
    }
  }
  let fits = 0;
  for (let i = 0; i < lines.length && i < 5000; i++) {
    const t = lines[i]!.text;
    if (inString?.[i] || t.length > 2000) continue;
    const m = fitsRe.exec(t);
    if (!m) continue;
    if (realLines.has(i)) return false;
    const args = words(t.slice(m.index));
    if (!args.some((w) => fake.has(w)) || args.some((w) => real.has(w))) return false;
    fits++;
  }
  return fits > 0;
}

/**
 * A name assigned an expression that holds a string literal: `path = "data/x.csv"`, and the path built or looked up
 * from a literal file name (`path = os.path.join(DATA_DIR, "sales.csv")`, `csv_path = find_file("master.csv", …)`).
 */
const ASSIGNED_EXPR = /^\s*([A-Za-z_]\w{0,60})\s*=(?!=)\s*([^\n]{1,400})/;
/** The string literals of an expression (at most the first eight). */
const ASSIGNED_LITERAL = /[rRbBuUfF]{0,2}(['"])([^'"\n]{1,300})\1/g;

/**
 * `generated`: the base names of files a repository script writes from random draws (a file with a `draws` line and no
 * `reads` line, whose `writes` line's first group is a quoted path), each with that script's path; or a regex error.
 */
async function generatedFiles(
  ctx: ProbeContext,
  spec: { writes: string; draws: string; reads: string; notReads?: string },
  exclude: string[],
): Promise<Map<string, string> | string> {
  const writes = compileRegex(spec.writes);
  const draws = compileRegex(spec.draws);
  const reads = compileRegex(spec.reads);
  const notReads = spec.notReads ? compileRegex(spec.notReads) : null;
  for (const re of [writes, draws, reads, notReads]) if (typeof re === 'string') return re;
  const out = new Map<string, string>();
  const files = orderForReading(selectFiles(ctx.files, ['**/*.py', '**/*.ipynb'], { exclude, nocase: true })).slice(0, MAX_GENERATED_SCAN);
  for (const f of files) {
    const file = await ctx.read(f.path);
    if (!file) continue;
    const lines = scanLines(file, 'code');
    const paths: string[] = [];
    let drawn = false;
    let read = false;
    let deadChecks = 0;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.text.length > 2000) continue;
      const w = (writes as RegExp).exec(l.text);
      const lit = w?.[1] ? /^\s*[rRbBuUfF]{0,2}['"]([^'"\n]{1,300})['"]\s*$/.exec(w[1]) : null;
      if (lit && paths.length < MAX_MARKERS) paths.push(lit[1]!);
      if (!drawn && (draws as RegExp).test(l.text)) drawn = true;
      if ((reads as RegExp).test(l.text) && !(notReads as RegExp | null)?.test(l.text)) {
        // A read whose result is never used is no read (attack16: `names = open("names/list.txt").read()`, never
        // used again, made the generator's CSV data, +7.8): the name it assigns must appear on another line (below, or
        // above in a function the file calls later). Nor is one used only as what random draws pick from: a list of
        // names that `np.random.choice(names, n)` fills a column with is the generator's vocabulary, not records
        // (attack18, +7.8), whether on lines of their own or in one (`np.random.choice(open(p).read().split(), n)`).
        if ((draws as RegExp).test(l.text)) continue;
        const bound = ASSIGNED_NAME.exec(l.text);
        if (bound && deadChecks < MAX_DEAD_READ_CHECKS) {
          deadChecks++;
          if (!usedElsewhere(lines, i, bound[1]!, draws as RegExp)) continue;
        }
        read = true;
        break;
      }
    }
    if (read || !drawn) continue;
    for (const p of paths) {
      const base = p.slice(p.replace(/\\/g, '/').lastIndexOf('/') + 1);
      if (base && !out.has(base)) out.set(base, f.path);
    }
  }
  return out;
}

/** Names a file binds to an expression with a string literal naming one of the generated files (`file_path = ".../sample.csv"`, `p = os.path.join(d, "sample.csv")`). */
function namesBoundTo(lines: readonly ScanLine[], generated: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of lines) {
    if (l.text.length > 2000) continue;
    const m = ASSIGNED_EXPR.exec(l.text);
    if (!m) continue;
    let n = 0;
    for (const lit of m[2]!.matchAll(ASSIGNED_LITERAL)) {
      if (++n > 8) break;
      const p = lit[2]!;
      const base = p.slice(p.replace(/\\/g, '/').lastIndexOf('/') + 1);
      if (generated.has(base)) {
        out.set(m[1]!, base);
        break;
      }
    }
  }
  return out;
}

/** `import a.b` / `from a.b import c, d` / `from .a import c` at the start of a line. */
const IMPORT_LINE = /^\s*(?:from\s+(\.{0,3}[\w.]{0,200})\s+import\s+\(?\s*([\w\s,]{1,400})|import\s+([\w.]{1,200}))/;
/** Module files read at most per importing file (`unlessImports`). */
const MAX_IMPORTED_READS = 8;

/**
 * Whether a Python file imports a module of the repository (found by the end of its path: `a/b.py`, `a/b/__init__.py`,
 * or `a/b/c.py` for `from a.b import c`) whose code has a line matching `re`. Cached per module file.
 */
async function importsModuleMatching(ctx: ProbeContext, from: string, lines: readonly ScanLine[], re: RegExp, cache: Map<string, boolean>): Promise<boolean> {
  const suffixes: string[] = [];
  for (const l of lines) {
    if (l.text.length > 600) continue;
    const m = IMPORT_LINE.exec(l.text);
    if (!m) continue;
    const mod = (m[1] ?? m[3] ?? '').replace(/^\.+/, '');
    const base = mod ? mod.split('.').join('/') : '';
    if (base) suffixes.push(`${base}.py`, `${base}/__init__.py`);
    if (m[2]) for (const n of m[2].split(',')) {
      const name = n.trim().split(/\s+/)[0];
      if (name && /^\w+$/.test(name)) suffixes.push(base ? `${base}/${name}.py` : `${name}.py`);
    }
    if (suffixes.length > 200) break;
  }
  if (!suffixes.length) return false;
  const targets = ctx.files.filter((f) => f.path !== from && f.path.endsWith('.py') && suffixes.some((sfx) => f.path === sfx || f.path.endsWith(`/${sfx}`)));
  for (const t of targets.slice(0, MAX_IMPORTED_READS)) {
    let hit = cache.get(t.path);
    if (hit === undefined) {
      const file = await ctx.read(t.path);
      hit = !!file && codeOutsideStrings(t.path, scanLines(file, 'code')).some((x) => x.length <= 2000 && re.test(x));
      cache.set(t.path, hit);
    }
    if (hit) return true;
  }
  return false;
}

/** Every file of a list in reading order (typical ML names first, then shallow paths, then by path), and each file's rank in it. */
interface ReadingOrder {
  order: Int32Array;
  rank: Int32Array;
}

const readingOrders = new WeakMap<object, ReadingOrder>();
/** Per file list and (globs, exclude, mode): which files a rule may read (1, or LATE: Markdown that may be a notebook) and how many code files (1). */
const bases = new WeakMap<object, Map<string, { member: Uint8Array; total: number }>>();

/** What code mode makes of each file of a list by its path (proseKindOf): 0 not yet known. */
const PROSE_UNKNOWN = 0;
const NOT_PROSE = 1;
const PROSE = 2;
const PROSE_MARKDOWN = 3;
const proseKinds = new WeakMap<object, Uint8Array>();

/**
 * Whether code mode reads file i of `files` (NOT_PROSE), skips it as prose (PROSE), or reads it last as Markdown that
 * may be a notebook (PROSE_MARKDOWN); decided once per file and list: each rule's reading plan asked it again of the
 * ~94,000 code files of the python-ml bench repo.
 */
function proseKindOf(files: FileEntry[], kinds: Uint8Array, i: number): number {
  let k = kinds[i]!;
  if (k === PROSE_UNKNOWN) {
    const path = files[i]!.path;
    k = !isProsePath(path) || /\.(rmd|qmd)$/i.test(path) ? NOT_PROSE : isMarkdownPath(path) ? PROSE_MARKDOWN : PROSE;
    kinds[i] = k;
  }
  return k;
}

function readingOrderOf(files: FileEntry[]): ReadingOrder {
  let ro = readingOrders.get(files);
  if (!ro) {
    const all = new Int32Array(files.length);
    for (let i = 0; i < all.length; i++) all[i] = i;
    const order = orderIndices(all, (i) => files[i].path, (i) => readingKey(files[i].path));
    const rank = new Int32Array(files.length);
    for (let r = 0; r < order.length; r++) rank[order[r]] = r;
    readingOrders.set(files, (ro = { order, rank }));
  }
  return ro;
}

/**
 * The first `maxFiles` code files a rule reads, in reading order (files matching the `prefer` globs first, in the
 * globs' order, then the others), and how many files it may read in all. The order of every file is computed once
 * per file list; a rule's files are a membership mark over it (most rules share one), and the walk stops at the
 * budget, so only the files within it are ever materialised.
 */
function readingPlan(
  files: FileEntry[],
  globs: string[],
  exclude: string[],
  mode: string,
  prefer: string[],
  maxFiles: number,
): { read: FileEntry[]; skipped: number } {
  let byKey = bases.get(files);
  if (!byKey) bases.set(files, (byKey = new Map()));
  const baseKey = JSON.stringify([globs, exclude, mode]);
  let base = byKey.get(baseKey);
  if (!base) {
    const member = new Uint8Array(files.length);
    let total = 0;
    let kinds = proseKinds.get(files);
    if (!kinds) proseKinds.set(files, (kinds = new Uint8Array(files.length)));
    for (const i of selectIndices(files, globs, { exclude })) {
      // Code mode reads no prose (Markdown, text), except R Markdown and Quarto, whose chunks are code, and Markdown
      // that may be a notebook (Jupytext, MyST): that is read last, after every code file within the budget, and
      // only its executable fences count (code-scan.ts).
      if (mode === 'code') {
        const kind = proseKindOf(files, kinds, i);
        if (kind !== NOT_PROSE) {
          if (kind === PROSE_MARKDOWN) member[i] = LATE;
          continue;
        }
      }
      member[i] = 1;
      total++;
    }
    byKey.set(baseKey, (base = { member, total }));
  }
  const { member, total } = base;
  const { order, rank } = readingOrderOf(files);
  const taken = new Uint8Array(files.length);
  const out: number[] = [];
  for (const g of prefer) {
    if (out.length >= maxFiles) break;
    const ranks: number[] = [];
    for (const i of selectIndices(files, [g], { nocase: true })) if (member[i] === 1 && !taken[i]) ranks.push(rank[i]);
    for (const r of Int32Array.from(ranks).sort()) {
      if (out.length >= maxFiles) break;
      taken[order[r]] = 1;
      out.push(order[r]);
    }
  }
  for (let r = 0; r < order.length && out.length < maxFiles; r++) {
    const i = order[r];
    if (member[i] === 1 && !taken[i]) out.push(i);
  }
  const skipped = total - out.length;
  for (let r = 0; r < order.length && out.length < maxFiles; r++) if (member[order[r]] === LATE) out.push(order[r]);
  return { read: out.map((i) => files[i]), skipped };
}

export const codeProbe = defineProbe({
  name: 'code',
  description:
    'Searches code (Python scripts, notebook code cells, R, Julia; comments and Markdown excluded) for regex patterns and checks files that count by presence; score = matched weight / need.',
  paramsSchema,
  async run(params, ctx) {
    return await runCode(params, ctx);
  },
  reads(params) {
    const globs = params.patterns?.length ? [...(params.files ?? DEFAULT_CODE_GLOBS)] : [];
    for (const p of params.paths ?? []) if (p.contains || p.run) globs.push(p.glob);
    if (params.paths?.some((p) => p.run === 'ultralytics')) globs.push('**/args.yaml');
    if (params.reachedOnly) globs.push(...REACH_GLOBS);
    return globs;
  },
});
