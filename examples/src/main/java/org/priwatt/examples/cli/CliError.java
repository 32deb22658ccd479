package org.priwatt.examples.cli;

/** Why a command failed when the cause is the command line tool itself, not a library. */
public enum CliError {
  /** A file could not be read or written. */
  IO,
  /** A file the command would create already exists (nothing was overwritten). */
  FILE_EXISTS,
  /** A file's content is not in the format the command reads. */
  BAD_FILE,
  /** A local messaging identity or the recipient's public keys are not in the store. */
  UNKNOWN_IDENTITY,
  /** The transaction's outputs spend more than the prevouts bring in. */
  OUTPUTS_EXCEED_INPUTS,
  /** The in-process demo world did not reach the expected state in time. */
  WORLD_TIMEOUT,
  /** A node process of a testnet did not start or exited before it was told to stop. */
  NODE_EXITED
}
