/**
 * Commit-message quality: which subjects tell a reader nothing about the work ("Add files via upload",
 * "Update README.md", "fix", "wip", "final changes"). A subject is low-information when it is a GitHub web-editor
 * default, or when every word in it is generic (update/fix/changes/files/final/...) or a file name.
 */

/** Words that carry no information about what changed. */
const GENERIC = new Set(
  (
    'update updates updated updating fix fixes fixed fixing change changes changed changing minor small some more few code codes ' +
    'file files final finally new latest stuff misc bug bugs commit commits version versions work working progress wip edit edits ' +
    'edited editing modify modified modification modifications tweak tweaks cleanup clean up the a an and of it this that to in on ' +
    'for with added add adding adds upload uploaded uploading uploads via folder folders directory done again test tests testing temp tmp ' +
    'first second third last one two readme notebook notebooks script scripts project repo repository everything all initial init ' +
    'save saved saving push pushed various things improvements improve improved improving refactor refactored refactoring made my main ' +
    'master branch v asdf asd qwerty ok okay yes no hello hi delete deleted deleting remove removed removing create created creating lol ' +
    'xyz dummy trial try trying attempt rev revision part day week other stuffs data changes. latest. final. commit. is was by from ' +
    'now ready complete completed finish finished start started starting sync synced backup misc. minor. temp. wip. rename renamed move moved ' +
    'small. local changes. files. nothing something anything random quick conflict conflicts resolve resolved resolving better should formatting format merged merging ' +
    'submission submissions submit submitted submitting deliverable deliverables message messages msg description placeholder untitled ' +
    'empty blank none'
  ).split(/\s+/),
);

/** GitHub web-editor default subjects. */
const WEB_DEFAULT = /^(add files via upload|(update|create|delete|rename|add|upload)\s+\S.*)$/i;

/** Conventional-commit or tag prefixes ("feat(api): ", "task: ", "[WIP] "). */
const PREFIX = /^(\[[^\]]{1,20}\]\s*|[a-z]{2,12}(\([^)]{1,30}\))?!?:\s+)/i;

function looksLikeFileName(tok: string): boolean {
  return /^[\w.\-/]+\.[a-z0-9]{1,8}$/i.test(tok) || /\//.test(tok) || /^(readme|license|dockerfile|makefile|procfile|gitignore)$/i.test(tok);
}

/**
 * Terminal output pasted as the message: `git status` ("On branch main Your branch is up to date…", "Changes to be
 * committed: modified: …"), git's own warnings and errors. It lists files, it does not say what changed or why.
 */
const PASTED_OUTPUT =
  /^(?:on branch \S+|your branch is (?:up to date|ahead|behind)|changes (?:not staged for commit|to be committed)|nothing (?:added )?to commit|untracked files|no changes added to commit|(?:modified|deleted|new file|renamed):\s|fatal: |hint: |warning: (?:lf|crlf) will be replaced|error: (?:failed to push|pathspec|src refspec)|\(use "git )/i;

/** Colab's "Save a copy in GitHub" default subjects. */
const COLAB = /^(created|updated)\s+using\s+(colaboratory|colab)$/i;

/** Subjects of commits made by an upload tool, not at a developer's desk: the upload button, web-editor defaults, Colab saves. */
export function uploadStyle(subject: string): boolean {
  const k = classifyMessage(subject, false);
  return k.kind === 'low' && (k.reason === 'GitHub upload default' || k.reason === 'GitHub web-editor default' || k.reason === 'Colab save default');
}

type MessageClass = 'informative' | 'low' | 'neutral';

interface Classified {
  kind: MessageClass;
  reason?: string;
}

/** Initial-commit subjects are neutral when they are the oldest commit (every repo has one). */
const INITIAL = /^(initial|init|first|initial commit|first commit|init commit|initial upload|initial import|initial version|first version|create readme\.md|initial setup)$/i;

/** A letter of any script: a subject in Russian or Korean has words too. */
const LETTER = /\p{L}/u;

/** Characters of the scripts written without spaces between words (Han, Hiragana, Katakana). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/** Characters of unspaced script that make a phrase rather than one word ("更新" update, "修正" fix are two). */
const PHRASE_CHARS = 5;

function unspacedLength(token: string): number {
  return token.match(UNSPACED)?.length ?? 0;
}

export function classifyMessage(subject: string, isOldest: boolean): Classified {
  const raw = subject.trim();
  if (!raw) return { kind: 'low', reason: 'empty message' };
  let s = raw.replace(/[.!\s]+$/, '').replace(/\s+/g, ' ');
  if (!/[\p{L}\p{N}]/u.test(s)) return { kind: 'low', reason: 'no words' };
  if (isOldest && INITIAL.test(s)) return { kind: 'neutral' };
  if (/^add files via upload$/i.test(s)) return { kind: 'low', reason: 'GitHub upload default' };
  if (COLAB.test(s)) return { kind: 'low', reason: 'Colab save default' };
  if (PASTED_OUTPUT.test(s)) return { kind: 'low', reason: 'pasted git output' };
  const webDefault = WEB_DEFAULT.exec(s);
  if (webDefault) {
    const rest = s.split(' ').slice(1).filter((t) => !/^(to|and|,)$/i.test(t));
    const clean = rest.map((t) => t.replace(/,$/, ''));
    if (clean.length && clean.some((t) => looksLikeFileName(t)) && clean.every((t) => looksLikeFileName(t) || GENERIC.has(t.toLowerCase())))
      return { kind: 'low', reason: 'GitHub web-editor default' };
  }
  s = s.replace(PREFIX, '').trim();
  if (!s) return { kind: 'low', reason: 'prefix only' };
  const tokens = s
    .toLowerCase()
    .split(/[\s,;:+&/|()[\]"'`?!]+/)
    .filter(Boolean);
  if (!tokens.length || tokens.every((t) => !LETTER.test(t))) return { kind: 'low', reason: 'no words' };
  // Chinese and Japanese write a phrase without spaces: "不要なファイルを削除" is a sentence, "修正" one word.
  if (tokens.length === 1 && unspacedLength(tokens[0]!) < PHRASE_CHARS) return { kind: 'low', reason: 'one word' };
  if (tokens.length <= 6 && tokens.every((t) => GENERIC.has(t) || /^v?\d+(\.\d+)*$/.test(t) || looksLikeFileName(t) || !LETTER.test(t)))
    return { kind: 'low', reason: 'only generic words' };
  return { kind: 'informative' };
}
