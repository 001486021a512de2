/** Kept in step with package.json by test/release/version.test.ts (bump both before script/release). */
export const TOOL_NAME = 'ml-portfolio-audit';
export const TOOL_VERSION = '0.1.0';
/** Where the project lives (SARIF's informationUri, the badge's README). */
export const TOOL_URL = 'https://github.com/ml-portfolio-audit/ml-portfolio-audit';
