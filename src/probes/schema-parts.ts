/** JSON Schema pieces that several probes' params share. */

/** JavaScript RegExp flags a rule may set (g and y make no sense for line matching). */
export const REGEX_FLAGS = { type: 'string', pattern: '^[imsu]*$' } as const;
