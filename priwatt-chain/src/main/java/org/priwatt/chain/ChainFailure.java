package org.priwatt.chain;

import java.util.Optional;

/**
 * One failure {@code priwatt-chain} can report: a constant of {@link ChainError} (decoding,
 * signing, storage), {@link org.priwatt.chain.block.BlockError} (block and header validation)
 * or {@link org.priwatt.chain.wallet.WalletError} (wallet operations). {@link ChainException},
 * the module's only checked exception, carries one, so a caller catches a single type and tells
 * failures apart by comparing constants ({@code e.failure() == BlockError.HIGH_HASH}) or by
 * domain ({@code e.failure() instanceof BlockError}).
 *
 * <p>Only those three enums implement this interface; callers should not add implementations.
 * (It cannot be {@code sealed}: the enums live in different packages, which Java 17 allows for
 * sealed types only inside a named module, and this library ships without {@code module-info}.)
 * Constant names are unique across the three enums, so the name alone identifies a failure in
 * logs. (The links to those enums are by full name, with no import: this package depends on no
 * other package of the module.)
 */
public interface ChainFailure {
  /** The constant's name, e.g. {@code "TRUNCATED"}; unique across the three enums. */
  String name();

  /**
   * Bitcoin Core's reject-reason string for this failure (e.g. {@code "bad-txnmrklroot"}), or
   * empty if Core has none. Only {@link org.priwatt.chain.block.BlockError} constants carry
   * one.
   */
  default Optional<String> rejectReason() {
    return Optional.empty();
  }
}
