// Written by `npm run docs` (script/docs.ts); test/rules/validated.test.ts fails when it is stale.
/**
 * The validation key (src/rules/load.ts, rulesValidationKey) of the shipped rules/ folder when it last passed every
 * check of the loader: a load of a folder with this key skips the checks. Any other folder (a user's --rules, the
 * shipped rules edited since) is checked in full.
 */
export const VALIDATED_RULES = 'c62980ccdb8d3dd09ea0596e227170767949eeb0';
