package org.priwatt.node.rpc;

/**
 * The JSON-RPC error codes, one constant per code of Bitcoin Core's {@code src/rpc/protocol.h},
 * so a client library written for bitcoind classifies this node's errors unchanged. The constant
 * names are Core's without the {@code RPC_} prefix; Core's aliases ({@code RPC_TRANSACTION_ERROR}
 * = {@link #VERIFY_ERROR}, {@code RPC_TRANSACTION_REJECTED} = {@link #VERIFY_REJECTED},
 * {@code RPC_TRANSACTION_ALREADY_IN_CHAIN} = {@link #VERIFY_ALREADY_IN_CHAIN}) share their code.
 */
public enum RpcError {
  // Standard JSON-RPC 2.0 errors.
  /** The request object is not a valid request (also answered with HTTP 400 for 1.0 requests). */
  INVALID_REQUEST(-32600),
  /** No method of that name (HTTP 404 for 1.0 requests). */
  METHOD_NOT_FOUND(-32601),
  /** Reserved by JSON-RPC 2.0; bitcoind reports parameter problems with {@link #INVALID_PARAMETER}. */
  INVALID_PARAMS(-32602),
  /** An internal error while answering (a bug, never bad input). */
  INTERNAL_ERROR(-32603),
  /** The body is not JSON, or its top level is neither an object nor an array. */
  PARSE_ERROR(-32700),

  // General application errors.
  /** A failure without a more specific code; also the wrong number of parameters (with the help text). */
  MISC_ERROR(-1),
  /** A parameter of the wrong JSON type. */
  TYPE_ERROR(-3),
  /** An invalid address or key, or an unknown block or transaction. */
  INVALID_ADDRESS_OR_KEY(-5),
  /** The node ran out of memory answering. */
  OUT_OF_MEMORY(-7),
  /** An invalid, missing or duplicate parameter. */
  INVALID_PARAMETER(-8),
  /** A database error. */
  DATABASE_ERROR(-20),
  /** Raw data (a transaction, a block, a script) that does not decode. */
  DESERIALIZATION_ERROR(-22),
  /** A general error submitting a transaction or block ({@code RPC_TRANSACTION_ERROR}). */
  VERIFY_ERROR(-25),
  /** A transaction or block refused by the network rules ({@code RPC_TRANSACTION_REJECTED}). */
  VERIFY_REJECTED(-26),
  /** The transaction is already in the chain ({@code RPC_TRANSACTION_ALREADY_IN_CHAIN}). */
  VERIFY_ALREADY_IN_CHAIN(-27),
  /** The node is still starting up. */
  IN_WARMUP(-28),
  /** The method is deprecated. */
  METHOD_DEPRECATED(-32),

  // Peer-to-peer client errors.
  /** The node is not connected to any peer (or is shutting down). */
  CLIENT_NOT_CONNECTED(-9),
  /** The node is still downloading the initial blocks. */
  CLIENT_IN_INITIAL_DOWNLOAD(-10),
  /** The node is already added. */
  CLIENT_NODE_ALREADY_ADDED(-23),
  /** The node has not been added before. */
  CLIENT_NODE_NOT_ADDED(-24),
  /** The node to disconnect is not among the connected peers. */
  CLIENT_NODE_NOT_CONNECTED(-29),
  /** An invalid IP address or subnet. */
  CLIENT_INVALID_IP_OR_SUBNET(-30),
  /** Peer-to-peer functionality is missing or disabled. */
  CLIENT_P2P_DISABLED(-31),
  /** The mempool is disabled. */
  CLIENT_MEMPOOL_DISABLED(-33),
  /** The maximum number of peers is reached. */
  CLIENT_NODE_CAPACITY_REACHED(-34),

  // Wallet errors.
  /** An unspecified wallet problem (key not found, payment not built ...). */
  WALLET_ERROR(-4),
  /** Not enough funds in the wallet. */
  WALLET_INSUFFICIENT_FUNDS(-6),
  /** An invalid label name. */
  WALLET_INVALID_LABEL_NAME(-11),
  /** The key pool ran out. */
  WALLET_KEYPOOL_RAN_OUT(-12),
  /** The wallet must be unlocked with its passphrase first. */
  WALLET_UNLOCK_NEEDED(-13),
  /** The wallet passphrase is incorrect. */
  WALLET_PASSPHRASE_INCORRECT(-14),
  /** The command does not fit the wallet's encryption state. */
  WALLET_WRONG_ENC_STATE(-15),
  /** Encrypting the wallet failed. */
  WALLET_ENCRYPTION_FAILED(-16),
  /** The wallet is already unlocked. */
  WALLET_ALREADY_UNLOCKED(-17),
  /** No wallet is loaded (or the named one does not exist). */
  WALLET_NOT_FOUND(-18),
  /** Several wallets are loaded and none was named. */
  WALLET_NOT_SPECIFIED(-19),
  /** The wallet is already loaded. */
  WALLET_ALREADY_LOADED(-35),
  /** A wallet of that name already exists. */
  WALLET_ALREADY_EXISTS(-36);

  private final int code;

  RpcError(int code) {
    this.code = code;
  }

  /** The numeric code sent in the {@code error.code} field. */
  public int code() {
    return code;
  }
}
