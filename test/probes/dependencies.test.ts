import { describe, expect, it } from 'vitest';
import { createProbeContext } from '../../src/probes/context.js';
import { mergedDependencies } from '../../src/facts/manifests.js';
import { dependenciesUsesProbe } from '../../src/probes/dependencies/uses.js';
import { runMember } from '../helpers/probes.js';

type DependenciesParams = { check: string } & Record<string, unknown>;
import {
  parseCondaEnv,
  parseGradle,
  parseJuliaProject,
  parseMavenPom,
  parsePipfile,
  parsePyproject,
  parseRDescription,
  parseRequirement,
  parseRequirementsTxt,
  parseSetupCfg,
  parseSetupPy,
} from '../../src/facts/manifest-parse.js';
import { memorySnapshot } from '../../src/sources/memory.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const ctxOf = (files: Record<string, string>) => createProbeContext(memorySnapshot({ files }), NOW);
const run = (files: Record<string, string>, params: DependenciesParams) => runMember('dependencies', 'check', params, ctxOf(files));
const names = (deps: Array<{ name: string; pinned: boolean }>) => deps.map((d) => `${d.name}${d.pinned ? '=' : ''}`);

describe('manifest parsers', () => {
  it('requirements.txt: names, constraints, comments, options, URLs', () => {
    const deps = parseRequirementsTxt(
      [
        '# core',
        'pandas==2.2.2',
        'scikit_learn >= 1.3  # ml',
        'numpy',
        'torch[cuda]~=2.1; python_version > "3.8"',
        '-r dev.txt',
        '--index-url https://example.org/simple',
        'mylib @ git+https://github.com/me/mylib@v1.0',
        '-e git+https://github.com/me/other.git@abc123#egg=other',
        'requests   # no pin',
      ].join('\n'),
    );
    expect(names(deps)).toEqual(['pandas=', 'scikit-learn=', 'numpy', 'torch=', 'mylib=', 'other=', 'requests']);
    expect(deps[0]!.line).toBe(2);
  });

  it('single requirement edge cases', () => {
    expect(parseRequirement('')).toBeNull();
    expect(parseRequirement('   # only a comment')).toBeNull();
    expect(parseRequirement('Flask')).toEqual({ name: 'flask', spec: '', text: 'Flask', pinned: false });
    expect(parseRequirement('black==24.1.0 --hash=sha256:abc')?.pinned).toBe(true);
  });

  it('pyproject.toml: PEP 621 arrays and Poetry tables', () => {
    const text = [
      '[build-system]',
      'requires = ["setuptools>=61"]',
      '[project]',
      'name = "demo"',
      'dependencies = [',
      '  "pandas>=2.0",',
      '  "fastapi",  # web',
      '  "scikit-learn[alldeps]==1.5.0",',
      ']',
      '[project.optional-dependencies]',
      'dev = ["pytest>=8"]',
      '[tool.poetry.dependencies]',
      'python = "^3.11"',
      'torch = "^2.2"',
      'gradio = { version = "*", optional = true }',
      'mylib = { git = "https://github.com/me/mylib", rev = "abc" }',
      '[tool.black]',
      'line-length = 100',
    ].join('\n');
    expect(names(parsePyproject(text))).toEqual(['pandas=', 'fastapi', 'scikit-learn=', 'pytest=', 'torch=', 'gradio', 'mylib=']);
  });

  it('setup.py install_requires and setup.cfg', () => {
    const py = 'from setuptools import setup\nsetup(\n  name="x",\n  install_requires=[\n    "numpy>=1.24",  # math\n    \'streamlit\',\n  ],\n)\n';
    expect(names(parseSetupPy(py))).toEqual(['numpy=', 'streamlit']);
    expect(parseSetupPy('setup(install_requires=reqs)')).toEqual([]);
    const cfg = '[metadata]\nname = x\n[options]\ninstall_requires =\n    pandas==2.0\n    flask\npython_requires = >=3.9\n';
    expect(names(parseSetupCfg(cfg))).toEqual(['pandas=', 'flask']);
  });

  it('conda environment.yml with a pip section', () => {
    const env = 'name: ml\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - numpy=1.26\n  - conda-forge::pandas>=2\n  - scikit-learn\n  - pip\n  - pip:\n    - bentoml==1.2.0\n    - gradio\n';
    expect(names(parseCondaEnv(env))).toEqual(['numpy=', 'pandas=', 'scikit-learn', 'bentoml=', 'gradio']);
    expect(parseCondaEnv(': not yaml [')).toEqual([]);
  });

  it('Pipfile, R DESCRIPTION, Julia Project.toml', () => {
    expect(names(parsePipfile('[packages]\nflask = "*"\npandas = "==2.1"\n[dev-packages]\npytest = {version = ">=7"}\n[requires]\npython_version = "3.11"\n'))).toEqual([
      'flask',
      'pandas=',
      'pytest=',
    ]);
    const desc = 'Package: demo\nVersion: 0.1\nDepends: R (>= 4.1)\nImports:\n    dplyr (>= 1.1.0),\n    ggplot2,\n    tidymodels\n';
    expect(names(parseRDescription(desc))).toEqual(['dplyr=', 'ggplot2', 'tidymodels']);
    const jl = 'name = "Demo"\n[deps]\nFlux = "587475ba-b771-5e3f-ad9e-33799f191a9c"\nCSV = "336ed68f-0bac-5ca0-87d4-7b16caf5d00b"\n[compat]\nFlux = "0.14"\njulia = "1.10"\n';
    expect(names(parseJuliaProject(jl))).toEqual(['flux=', 'csv']);
  });

  it('Maven pom.xml: artifactIds with versions; managed versions only under a parent or dependencyManagement', () => {
    const pom = [
      '<project>',
      '  <dependencies>',
      '    <!-- <dependency><artifactId>commented-out</artifactId></dependency> -->',
      '    <dependency>',
      '      <groupId>nz.ac.waikato.cms.weka</groupId>',
      '      <artifactId>weka-stable</artifactId>',
      '      <version>3.8.6</version>',
      '    </dependency>',
      '    <dependency><groupId>org.tribuo</groupId><artifactId>tribuo-all</artifactId><version>${tribuo.version}</version></dependency>',
      '    <dependency><groupId>com.example</groupId><artifactId>floating</artifactId><version>LATEST</version></dependency>',
      '    <dependency><groupId>com.example</groupId><artifactId>bare</artifactId></dependency>',
      '  </dependencies>',
      '</project>',
    ].join('\n');
    const deps = parseMavenPom(pom);
    expect(names(deps)).toEqual(['weka-stable=', 'tribuo-all=', 'floating', 'bare']);
    expect(deps[0]).toMatchObject({ spec: ':3.8.6', line: 4 });
    expect(deps[1]!.line).toBe(9);
    const child = '<project><parent><artifactId>spring-boot-starter-parent</artifactId></parent><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>';
    expect(names(parseMavenPom(child))).toEqual(['spring-boot-starter-web=']);
    // Unclosed comments and dependency tags end the reading, they do not throw.
    expect(parseMavenPom('<dependency><artifactId>a</artifactId><!-- never closed')).toEqual([]);
  });

  it('Gradle: string and map notations, version catalogs, BOM-managed versions; project and file dependencies left out', () => {
    const gradle = [
      'dependencies {',
      "    implementation 'org.deeplearning4j:deeplearning4j-core:1.0.0-M2.1'",
      '    implementation("ai.djl:api:0.28.0")',
      "    testImplementation group: 'junit', name: 'junit', version: '4.13.2'",
      '    implementation(libs.androidx.core.ktx)',
      "    implementation 'com.google.guava:guava'",
      "    implementation 'com.example:dynamic:1.+'",
      "    implementation project(':core')",
      "    implementation files('libs/weka.jar')",
      '}',
    ].join('\n');
    expect(names(parseGradle(gradle))).toEqual(['deeplearning4j-core=', 'api=', 'junit=', 'androidx-core-ktx=', 'guava', 'dynamic']);
    const boot = "plugins { id 'io.spring.dependency-management' version '1.1.4' }\ndependencies {\n  implementation 'org.springframework.boot:spring-boot-starter-web'\n}\n";
    expect(names(parseGradle(boot))).toEqual(['spring-boot-starter-web=']);
  });
});

describe('dependencies probe', () => {
  it('pinned: share of constrained dependencies, full score at the threshold', async () => {
    const req = 'pandas==2.2\nnumpy==1.26\nscikit-learn==1.5\nmatplotlib\nseaborn\n';
    const r = await run({ 'requirements.txt': req }, { check: 'pinned' });
    expect(r.score).toBeCloseTo(0.6 / 0.8);
    expect(r.evidence[0]!.detail).toMatch(/3 of 5 dependencies/);
    expect(r.evidence.some((e) => e.detail.includes('`matplotlib` has no version constraint') && e.line === 4)).toBe(true);
    const ok = await run({ 'requirements.txt': 'a==1\nb==1\nc==1\nd==1\ne\n' }, { check: 'pinned' });
    expect(ok.score).toBe(1);
  });

  it('pinned: a dependency constrained in any manifest counts as constrained; lock files pin everything', async () => {
    const files = { 'requirements.txt': 'pandas\n', 'app/requirements.txt': 'pandas==2.2\n' };
    expect((await run(files, { check: 'pinned' })).score).toBe(1);
    const lock = await run({ 'pyproject.toml': '[project]\ndependencies = ["pandas"]\n', 'uv.lock': 'version = 1\n' }, { check: 'pinned' });
    expect(lock.score).toBe(1);
    expect(lock.evidence[0]!.path).toBe('uv.lock');
  });

  it('pinned / manifest / uses: no manifest scores 0 with a note', async () => {
    for (const check of ['pinned', 'manifest'] as const) {
      const r = await run({ 'train.py': 'import pandas\n' }, { check });
      expect(r.score).toBe(0);
      expect(r.note).toMatch(/no dependency manifest/);
    }
    expect((await run({ 'a.py': '' }, { check: 'uses', packages: ['flask'] })).score).toBe(0);
  });

  it('manifest: a manifest with dependencies scores 1; an empty one 0.5', async () => {
    expect((await run({ 'environment.yml': 'dependencies:\n  - numpy\n' }, { check: 'manifest' })).score).toBe(1);
    expect((await run({ 'requirements.txt': '# nothing yet\n' }, { check: 'manifest' })).score).toBe(0.5);
    // a pyproject.toml that only configures tools, or a DESCRIPTION that is not an R package, is not a manifest
    expect((await run({ 'pyproject.toml': '[tool.black]\nline-length = 88\n', DESCRIPTION: 'Some text\n' }, { check: 'manifest' })).score).toBe(0);
  });

  it('uses: finds serving packages by normalised name', async () => {
    const r = await run({ 'requirements.txt': 'pandas\nFastAPI==0.110\nuvicorn\n' }, { check: 'uses', packages: ['fastapi', 'flask', 'streamlit'] });
    expect(r.score).toBe(1);
    expect(r.evidence).toEqual([{ path: 'requirements.txt', line: 2, detail: 'depends on `fastapi`' }]);
    expect((await run({ 'requirements.txt': 'pandas\n' }, { check: 'uses', packages: ['flask'] })).score).toBe(0);
  });

  it('ignores manifests inside virtualenvs and vendored packages', async () => {
    const r = await run({ '.venv/lib/python3.11/site-packages/x/requirements.txt': 'a==1\n' }, { check: 'manifest' });
    expect(r.score).toBe(0);
  });

  it('the manifests fact is shared per context and lists every manifest', async () => {
    const ctx = ctxOf({ 'requirements.txt': 'pandas==2\n', 'DESCRIPTION': 'Package: x\nImports: dplyr\n', 'Pipfile.lock': '{}' });
    const a = await ctx.facts.manifests();
    expect(await ctx.facts.manifests()).toBe(a);
    expect(a.manifests.map((m) => m.kind).sort()).toEqual(['r-description', 'requirements']);
    expect(a.lockfiles).toEqual(['Pipfile.lock']);
    expect(mergedDependencies(a).map((d) => d.name).sort()).toEqual(['dplyr', 'pandas']);
  });

  it('schema requires packages for uses', () => {
    expect(dependenciesUsesProbe.paramsSchema.required).toEqual(['packages']);
  });
});
