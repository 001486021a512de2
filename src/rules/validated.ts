// Written by `npm run docs` (script/docs.ts); test/rules/validated.test.ts fails when it is stale.
/**
 * The validation key (src/rules/load.ts, rulesValidationKey) of the shipped rules/ folder when it last passed every
 * check of the loader: a load of a folder with this key skips the checks. Any other folder (a user's --rules, the
 * shipped rules edited since) is checked in full.
 */
export const VALIDATED_RULES = '8de99afd6229f89a101d6667847440d3cf8f2fcd';
