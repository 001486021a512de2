import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { configuredScore } from '../../src/config/configured.js';
import { applyConfig, parseConfig } from '../../src/config/load.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';

/**
 * A configured score re-scores the standard results with the config's rules; it must be the score an audit with those
 * rules gives, with the same scoring inputs: unmeasured history counting as 0, a non-ML repo's stages as one gate.
 */
describe('configured score', () => {
  const rules = loadRules();
  const now = new Date('2026-01-15');
  const cases: Array<[string, Record<string, string>]> = [
    ['an export without history (history rules unmeasured)', { 'train.py': 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\ndf = pd.read_csv("data/x.csv")\nLogisticRegression().fit(df[["a"]], df.y)\n', 'README.md': '# X\n' }],
    ['a repo that is not ML', { 'server.js': 'const express = require("express");\nconst app = express();\napp.get("/", (req, res) => res.send("ok"));\napp.listen(3000);\n', 'README.md': '# Todo\n' }],
  ];
  for (const [name, files] of cases) {
    it(`equals the audit under the config's rules: ${name}`, async () => {
      const config = parseConfig('rules:\n  license-file: { enabled: false }\n  readme-usage: { weight: 6 }\n', 'cfg.yml', rules);
      const applied = { config, by: 'caller' as const, rules: applyConfig(rules, config) };
      const standard = await auditSnapshot(memorySnapshot({ files, commit: null }), { rules, now });
      const configured = await configuredScore(standard, memorySnapshot({ files, commit: null }), rules, applied, { now });
      const direct = await auditSnapshot(memorySnapshot({ files, commit: null }), { rules: applied.rules, now });
      expect(configured?.score).toBe(direct.score);
      expect(configured?.categories).toEqual(direct.categories);
    });
  }
});
