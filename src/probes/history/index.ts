/** The history probes: one statistic of the commit history each (src/probes/history/_shared/ prepares it once). */
import { historyCommitCountProbe } from './commit-count.js';
import { historyActiveDaysProbe } from './active-days.js';
import { historySpanProbe } from './span.js';
import { historyMessageQualityProbe } from './message-quality.js';
import { historyOneShotProbe } from './one-shot.js';
import { historyRecencyProbe } from './recency.js';
import { historyMainAuthorShareProbe } from './main-author-share.js';

export const HISTORY_PROBES = [historyCommitCountProbe, historyActiveDaysProbe, historySpanProbe, historyMessageQualityProbe, historyOneShotProbe, historyRecencyProbe, historyMainAuthorShareProbe];
