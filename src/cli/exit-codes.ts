/** Exit codes of the `vigil` command; printed in `vigil --help`. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  verifyFailed: 3,
  notFound: 4,
  inputRefused: 5,
  sourcesFailed: 6,
} as const;

export const EXIT_HELP = `
Exit codes:
  0  success
  1  unexpected failure (a bug or an unreachable database)
  2  usage error: unknown command, bad flag or argument
  3  verification failed: the ledger or a blob does not match (vigil verify)
  4  not found: no such message, person or user
  5  input refused: the file is not in a format Vigil can read at all
  6  some live sources did not answer (vigil collect --once)`;
