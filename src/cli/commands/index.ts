import type { Command } from 'commander';
import { registerAnalyze } from './analyze.ts';
import { registerCapture } from './capture.ts';
import { registerCheckpoint } from './checkpoint.ts';
import { registerCollect } from './collect.ts';
import { registerDelete } from './delete.ts';
import { registerDemo } from './demo.ts';
import { registerDigest } from './digest.ts';
import { registerDups } from './dups.ts';
import { registerExport } from './export.ts';
import { registerFollow } from './follow.ts';
import { registerImport } from './import.ts';
import { registerIngest } from './ingest.ts';
import { registerJobs } from './jobs.ts';
import { registerKeys } from './keys.ts';
import { registerLabel } from './label.ts';
import { registerPeople } from './people.ts';
import { registerRebuild } from './rebuild.ts';
import { registerReplayClock } from './replay-clock.ts';
import { registerSearch } from './search.ts';
import { registerServe } from './serve.ts';
import { registerShow } from './show.ts';
import { registerSources } from './sources.ts';
import { registerStart } from './start.ts';
import { registerStats } from './stats.ts';
import { registerStatus } from './status.ts';
import { registerTimestamp } from './timestamp.ts';
import { registerTokens } from './tokens.ts';
import { registerUsers } from './users.ts';
import { registerVerify } from './verify.ts';
import { registerWatch } from './watch.ts';
import { registerWorker } from './worker.ts';

/** Every subcommand, one line each, in the order `vigil --help` lists them. */
export const registrations: ((program: Command) => void)[] = [
  registerStart,
  registerDemo,
  registerImport,
  registerIngest,
  registerCapture,
  registerSearch,
  registerShow,
  registerAnalyze,
  registerLabel,
  registerDups,
  registerVerify,
  registerExport,
  registerCheckpoint,
  registerTimestamp,
  registerKeys,
  registerDelete,
  registerRebuild,
  registerStats,
  registerServe,
  registerUsers,
  registerTokens,
  registerPeople,
  registerStatus,
  registerDigest,
  registerReplayClock,
  registerWatch,
  registerFollow,
  registerCollect,
  registerSources,
  registerWorker,
  registerJobs,
];
