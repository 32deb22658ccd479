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
  /** {@code priwatt rpc}: the server could not be reached (refused, reset, still starting past -rpcwaittimeout). */
  RPC_CONNECTION,
  /** {@code priwatt rpc}: the server refused the credentials, or none could be found. */
  RPC_AUTH,
  /** {@code priwatt rpc}: no reply within -rpcclienttimeout. */
  RPC_TIMEOUT,
  /** {@code priwatt rpc}: the server answered with an HTTP error or a reply that is not JSON-RPC. */
  RPC_REPLY,
  /** The in-process demo world did not reach the expected state in time. */
  WORLD_TIMEOUT,
  /** A node process of a testnet did not start or exited before it was told to stop. */
  NODE_EXITED
}
