/** One-line string literals of a code line emptied (`"torch.load(path) later"` → `""`): a line naming a call in text does not make it. */
const STRING_LITERAL = /"(?:[^"\\\n]|\\.){0,2000}"|'(?:[^'\\\n]|\\.){0,2000}'/g;

export function withoutStrings(text: string): string {
  return text.includes('"') || text.includes("'") ? text.replace(STRING_LITERAL, '""') : text;
}
