import { PROBES } from '../../src/probes/index.js';
import { withDefaults, type ProbeContext } from '../../src/probes/types.js';
import type { ProbeResult } from '../../src/types.js';

/**
 * Runs the probe of a split family the way the unit tests name it: `{ check: 'dataset', ... }` runs `readme-dataset`
 * with the other params (defaults merged, as the rule loader does). Fails when no such probe exists.
 */
export function runMember(family: string, key: string, params: Record<string, unknown>, ctx: ProbeContext): Promise<ProbeResult> {
  const { [key]: which, ...rest } = params;
  const name = `${family}-${String(which)}`;
  const probe = PROBES[name];
  if (!probe) throw new Error(`no probe ${name}`);
  return probe.run(withDefaults(probe, rest), ctx);
}
