package org.priwatt.chain.wallet;

import org.priwatt.chain.ChainException;
import org.priwatt.chain.ChainFailure;

/**
 * Every way a wallet operation fails. One of the three {@link ChainFailure} domains carried by
 * {@link ChainException}.
 */
public enum WalletError implements ChainFailure {
  /** The spendable coins do not cover the amount plus fee. */
  INSUFFICIENT_FUNDS,
  /**
   * An address given to the wallet is encoded for another network than the wallet's (a mainnet
   * address handed to a REGTEST wallet): paying it would send coins nobody there can spend.
   */
  WRONG_NETWORK,
  /** The requested payment is below the dust threshold and would not be relayed. */
  AMOUNT_IS_DUST,
  /** An input to sign pays no key of this wallet, or a redeem script holds none of its keys. */
  NO_KEY,
  /** The transaction signer refused (the cause says why). */
  SIGNING_FAILED,
  /** The memory pool refused the transaction; the message carries its reject string. */
  REJECTED,
  /** The wallet file is damaged, from a newer version, or the passphrase is wrong. */
  CORRUPT_FILE,
  /** Reading or writing the wallet file failed. */
  IO_FAILURE,
  /** Key derivation failed (a BIP 32 child was invalid: probability below 2^-127). */
  KEY_DERIVATION
}
