package org.priwatt.chain.block;

/**
 * Why a block header, target or Merkle branch was rejected. Names follow Bitcoin Core's reject
 * reasons where one exists (given in each constant's Javadoc).
 */
public enum BlockError {
  // Encoding
  /** A serialized header was not exactly {@value BlockHeader#SIZE} bytes long. */
  HEADER_LENGTH,
  /** A buffer ended before a complete {@value BlockHeader#SIZE}-byte header could be read. */
  HEADER_TRUNCATED,

  // Compact target (nBits) decoding, Core's SetCompact flags
  /** The compact target has its sign bit set with a non-zero mantissa (Core's fNegative). */
  TARGET_NEGATIVE,
  /** The compact target does not fit in 256 bits (Core's fOverflow). */
  TARGET_OVERFLOW,
  /** The compact target decodes to zero, which no hash can meet. */
  TARGET_ZERO,
  /** The target is easier than the network's proof-of-work limit. */
  TARGET_ABOVE_POW_LIMIT,

  // Proof of work and context (Core's ContextualCheckBlockHeader)
  /** The header hash is above its own target: Core's {@code high-hash}. */
  HIGH_HASH,
  /** nBits differs from what difficulty retargeting requires: Core's {@code bad-diffbits}. */
  BAD_DIFF_BITS,
  /** The time is not after the median of the previous 11 blocks: Core's {@code time-too-old}. */
  TIME_TOO_OLD,
  /** The time is more than two hours in the future: Core's {@code time-too-new}. */
  TIME_TOO_NEW,
  /** The header's prevBlock is not the hash of the chain tip it was checked against. */
  PREV_BLOCK_MISMATCH,

  // Merkle branches
  /** A Merkle branch is deeper than {@value MerkleBranch#MAX_DEPTH} levels. */
  MERKLE_BRANCH_TOO_DEEP,
  /** A Merkle branch's encoding ended early or carried trailing bytes. */
  MERKLE_BRANCH_MALFORMED;
}
