/** JSON Schema pieces that several probes' params share. */

/** JavaScript RegExp flags a rule may set (g and y make no sense for line matching). */
export const REGEX_FLAGS = { type: 'string', pattern: '^[imsu]*$' } as const;

/** A list of `{regex, detail, flags?}` patterns, plus probe-specific fields. */
export function patternListSchema(extra: Record<string, unknown> = {}, opts: { minItems?: number } = {}): Record<string, unknown> {
  return {
    type: 'array',
    ...(opts.minItems !== undefined ? { minItems: opts.minItems } : {}),
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['regex', 'detail'],
      properties: {
        regex: { type: 'string', minLength: 1 },
        detail: { type: 'string', minLength: 1 },
        flags: REGEX_FLAGS,
        ...extra,
      },
    },
  };
}
