/**
 * The configs of a run: the caller's (--config, the Action's `config` input), its threshold, and which config makes
 * each repository's configured score (the caller's, else the repository's own when allowed). The standard score is
 * never changed by any of them (src/config/configured.ts).
 */
import { applyConfig, loadConfig, type Config } from './config/load.js';
import type { AppliedConfig } from './config/configured.js';
import type { FailUnder, RunConfig } from './report/types.js';
import type { RuleSet } from './rules/load.js';

/** A repository's own config file, found but not read yet. */
export type OwnConfig = { file: string; load: () => Promise<Config> } | null;

export interface ResolvedConfig {
  applied?: AppliedConfig;
  ignored?: { file: string; reason: string };
}

export interface RunConfigs {
  runConfig: RunConfig;
  /** The caller's threshold: --fail-under / the input, else the caller's config file's `fail-under`. */
  callerThreshold?: FailUnder;
  /** Which config makes a repository's configured score, given its own file (if any) and where it was read. */
  resolve(own: OwnConfig, remote: boolean): Promise<ResolvedConfig>;
}

export function runConfigs(baseRules: RuleSet, opts: { configFile?: string; repoConfig?: boolean; failUnder?: FailUnder }): RunConfigs {
  const globalConfig: Config | undefined = opts.configFile ? loadConfig(opts.configFile, baseRules) : undefined;
  const callerConfig: AppliedConfig | undefined = globalConfig ? { config: globalConfig, by: 'caller', rules: applyConfig(baseRules, globalConfig) } : undefined;
  const runConfig: RunConfig = {
    ...(globalConfig?.file ? { file: globalConfig.file } : {}),
    repoConfig: opts.repoConfig === true ? 'always' : opts.repoConfig === false ? 'never' : 'local',
  };
  const callerThreshold: FailUnder | undefined =
    opts.failUnder ?? (globalConfig?.['fail-under'] !== undefined ? { value: globalConfig['fail-under'], from: `fail-under in ${globalConfig.file}` } : undefined);
  if (callerThreshold) runConfig.failUnder = callerThreshold;

  /**
   * The caller's config, else the repository's own when allowed (local folders by default; through the API only when
   * the caller asks). A broken own file that is to be applied makes the repo an error, as a broken --config does for
   * the run: it never changes the standard score.
   */
  const resolve = async (own: OwnConfig, remote: boolean): Promise<ResolvedConfig> => {
    if (callerConfig) return { applied: callerConfig, ...(own ? { ignored: { file: own.file, reason: "the caller's config file applies instead" } } : {}) };
    if (!own) return {};
    const mode = runConfig.repoConfig;
    if (mode === 'never' || (mode === 'local' && remote)) {
      const reason =
        mode === 'never'
          ? "repository configs are turned off (--no-repo-config, the Action's repo-config: false)"
          : "it is the audited repository's own file, read through the API; it is applied to a separate configured score only when asked for (--repo-config, the Action's repo-config: true)";
      return { ignored: { file: own.file, reason } };
    }
    const config = await own.load();
    return { applied: { config, by: 'repo', rules: applyConfig(baseRules, config) } };
  };
  return { runConfig, ...(callerThreshold ? { callerThreshold } : {}), resolve };
}
