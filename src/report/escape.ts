/**
 * Text that came from an audited repo (README lines, commit messages, file names) is untrusted. Everything here
 * turns it into text that renders literally: no live @mentions or issue references (#1, GH-1, owner/repo#1), no HTML, no Markdown structure, no
 * workflow commands, no terminal control sequences.
 */

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Removes control characters (ANSI escapes, bidi overrides), folds newlines to spaces, and breaks the GitHub Actions
 * runner's command syntaxes (`::name::` and the older `##[name]`, which the runner honours anywhere in a line), so
 * that text printed in a workflow step can never issue a workflow command.
 */
export function plainLine(s: string, max = 300): string {
  const one = s
    .replace(/\r\n|\r|\n|\t/g, ' ')
    .replace(CONTROL, '')
    .replace(/::/g, ':\u200b:')
    .replace(/##\[/g, '#\u200b#[');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** For Markdown prose and table cells: literal text, one line. */
export function md(s: string, max = 300): string {
  return plainLine(s, max)
    .replace(/[&<>"]/g, (c) => HTML[c])
    .replace(/[\\`*_{}[\]()#+!|~$]/g, (c) => `\\${c}`)
    // A list or heading marker at the start: "- x", "= x", "12. x" ("12\. x": a backslash before a digit is no escape
    // and would show; "1.6 days" starts no list and stays as it is).
    .replace(/^(\s*)([-=>])/, '$1\\$2')
    .replace(/^(\s*)(\d+)\.(?=\s|$)/, '$1$2\\.')
    .replace(/@(?=[A-Za-z0-9])/g, '@&#8203;')
    // Issue references: GitHub links "\#123" as it does "#123", "owner/repo#9" and "GH-5" too, and each one leaves a
    // backlink on that issue (in other public repositories as well). A zero-width space after "#" / before "-" breaks them.
    .replace(/\\#(?=\d)/g, '\\#&#8203;')
    .replace(/(gh)-(?=\d)/gi, '$1&#8203;-')
    .replace(/:\/\//g, ':&#8203;//')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}&#8203;.`);
}

/**
 * For paths and code: an inline <code> element. Markdown still applies inside inline HTML, so every character that
 * could start emphasis, a link, a mention, an autolink or a table cell is written as an HTML entity.
 */
export function code(s: string, max = 200): string {
  const t = plainLine(s, max)
    .replace(/[&<>"]/g, (c) => HTML[c])
    .replace(/[|@`*_[\]\\~#:]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<code>${t}</code>`;
}

/** For log lines (GitHub Actions runner, terminal): no workflow commands, no control sequences. */
export function logSafe(s: string, max = 500): string {
  return plainLine(s, max);
}

const HTML_TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * For HTML text and quoted attribute values (src/report/html.ts): one line, no control characters or bidi overrides,
 * at most `max` characters (whole code points), and & < > " ' as entities. Anything that is not a string (a field of
 * a hand-edited JSON report) is turned into one first, so it can never reach the page as markup.
 */
export function htmlText(s: unknown, max = 300): string {
  const one = String(s ?? '')
    .replace(/\r\n|\r|\n|\t/g, ' ')
    .replace(CONTROL, '');
  const chars = [...one];
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : one;
  return cut.replace(/[&<>"']/g, (c) => HTML_TEXT[c]);
}
