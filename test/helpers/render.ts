import { micromark } from 'micromark';

/**
 * Renders Markdown as GitHub would before its reference filters (CommonMark; inline HTML allowed) and returns what
 * those filters would turn into live links: "@user" mentions, "#123", "GH-123", "owner/repo#123". Text inside
 * <code>, <pre> and <a> is skipped, as GitHub skips it.
 */
export function liveReferences(markdown: string): string[] {
  const html = micromark(markdown, { allowDangerousHtml: true });
  const text = html
    .replace(/<(code|pre|a)\b[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&(lt|gt|quot|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[e as 'lt']);
  return [...text.matchAll(/(?<![\w`])(?:@[A-Za-z0-9][\w-]*|(?:[\w.-]+\/[\w.-]+)?#\d+|GH-\d+)/gi)].map((m) => m[0]);
}
