import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { isAudited } from '../../src/report/types.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const audit = (files: Record<string, string>) => auditSnapshot(memorySnapshot({ id: 'me/repo', files }), { rules: loadRules(), now: NOW, skills: false });
const advice = async (files: Record<string, string>) => {
  const r = await audit(files);
  if (!isAudited(r)) throw new Error('not audited');
  const of = (id: string) => r.rules.find((x) => x.id === id)!.remediation;
  return { pins: of('dependencies-pinned'), tests: of('tests-present'), ci: of('ci-workflow'), next: r.nextActions.map((a) => a.text).join('\n') };
};
const PYTHONISMS = /pip freeze|requirements\.txt|pytest|setup-python/;

describe('engineering advice speaks the project language', () => {
  it('a MATLAB project is told about MATLAB releases, matlab.unittest and matlab-actions, never pip or pytest', async () => {
    const a = await advice({ 'README.md': '# Genres\n', 'train.m': 'net = trainNetwork(XTrain, YTrain, layers, options);\nYPred = classify(net, XTest);\n' });
    expect(a.pins).toMatch(/MATLAB release and toolboxes/);
    expect(a.tests).toMatch(/matlab\.unittest/);
    expect(a.ci).toMatch(/matlab-actions\/run-tests/);
    expect(a.next).not.toMatch(PYTHONISMS);
  });

  it('a Java ML project (Weka in the pom) gets Maven/Gradle, JUnit and setup-java', async () => {
    const a = await advice({
      'pom.xml': '<project><dependencies><dependency><groupId>nz.ac.waikato.cms.weka</groupId><artifactId>weka-stable</artifactId></dependency></dependencies></project>\n',
      'src/main/java/Train.java':
        'import weka.classifiers.trees.J48;\nimport weka.core.Instances;\npublic class Train { public static void main(String[] a) throws Exception { Instances d = new Instances(new java.io.FileReader("data/iris.arff")); J48 t = new J48(); t.buildClassifier(d); } }\n',
    });
    expect(a.pins).toMatch(/pom\.xml/);
    expect(a.tests).toMatch(/JUnit/);
    expect(a.ci).toMatch(/setup-java/);
    expect(a.next).not.toMatch(PYTHONISMS);
  });

  it('a Python ML project keeps the rules’ own Python advice, even with a JavaScript front end', async () => {
    const a = await advice({
      'train.py': 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\ndf = pd.read_csv("data/churn.csv")\nclf = LogisticRegression().fit(X_train, y_train)\n',
      'web/app.js': 'fetch("/predict").then((r) => r.json()).then(show);\n',
      'web/ui.js': 'export const show = (x) => console.log(x);\n',
    });
    expect(a.pins).toMatch(/pip freeze/);
    expect(a.tests).toMatch(/pytest/);
  });
});
