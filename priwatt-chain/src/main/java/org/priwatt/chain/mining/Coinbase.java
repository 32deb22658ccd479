package org.priwatt.chain.mining;

import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;

/**
 * Builds coinbase transactions: one input spending the null outpoint whose scriptSig starts with
 * the block height (BIP 34, serialized as Core's {@code CScript() << height}) followed by the
 * extra nonce, which miners roll to change the Merkle root once the header's nonce space is
 * exhausted; one output paying the subsidy plus fees.
 */
public final class Coinbase {
  /** Largest tag a miner may add after height and extra nonce. */
  public static final int MAX_TAG_LENGTH = 64;

  private Coinbase() {}

  /**
   * Returns the coinbase of the block at {@code height}.
   *
   * @param extraNonce non-negative counter pushed after the height
   * @param value subsidy plus fees
   * @param payTo the miner's scriptPubKey
   * @param tag optional bytes pushed last (a pool or node name), at most {@link #MAX_TAG_LENGTH}
   * @throws IllegalArgumentException if {@code height} or {@code extraNonce} is negative or the
   *     tag too long
   */
  public static Transaction create(int height, long extraNonce, Amount value, Script payTo,
      byte[] tag) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(payTo, "payTo");
    if (height < 0 || extraNonce < 0) {
      throw new IllegalArgumentException("height and extra nonce must be non-negative");
    }
    ScriptBuilder sig = ScriptBuilder.create().number(height).number(extraNonce);
    if (tag != null && tag.length > 0) {
      if (tag.length > MAX_TAG_LENGTH) {
        throw new IllegalArgumentException("tag longer than " + MAX_TAG_LENGTH);
      }
      sig.data(tag);
    }
    // Two pushes of at least one byte each: never below the consensus minimum of 2 bytes.
    Script scriptSig = sig.build();
    return Transaction.builder()
        .addInput(TxInput.of(OutPoint.NULL, scriptSig, TxInput.SEQUENCE_FINAL))
        .addOutput(value, payTo)
        .build();
  }

  /** Serialized bytes a coinbase with {@code tag} can take at most, for block space planning. */
  public static int maxSize(Script payTo, int tagLength) {
    // version 4, counts 1+1, outpoint 36, script length 1, height push <= 5, nonce push <= 9,
    // tag push <= 1 + tag, sequence 4, value 8, script length + script, lock time 4
    return 4 + 1 + 36 + 1 + 5 + 9 + 1 + tagLength + 4 + 1 + 8 + 3 + payTo.length() + 4;
  }
}
