/**
 * What the attack tests (attack13 onwards) share: an in-memory audit with the shipped rules loaded once, a rule's
 * result, the detected stages, and the two weak notebooks the attacks start from.
 */
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { NOW } from './gaming-attack.js';
import type { Repo } from './attack14-repos.js';

const rules = loadRules();
export const audit = (r: Repo): Promise<AuditedRepoReport> => auditSnapshot(memorySnapshot(r), { rules, now: NOW, skills: false });
export const rule = (r: AuditedRepoReport, id: string) => r.rules.find((x) => x.id === id)!;
export const detected = (r: AuditedRepoReport): string[] => Object.entries(r.stages).filter(([, s]) => s.detected).map(([k]) => k).sort();

/** A notebook that reads its CSV and nothing else (no model): data detected, 29.7 F. */
export const DATA_ONLY = ['import pandas as pd\nimport numpy as np\n', "df = pd.read_csv('churn.csv')\ndf.head()\n"];
/** A notebook that fits a model on hard-coded arrays (no data read): training only, 29.7 F. */
export const NO_DATA = ['import numpy as np\nfrom sklearn.linear_model import LogisticRegression\n', 'X = np.array([[1, 2], [3, 4], [5, 6], [7, 8]])\ny = np.array([0, 1, 0, 1])\nmodel = LogisticRegression()\nmodel.fit(X, y)\n'];
