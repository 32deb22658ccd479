package org.priwatt.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.priwatt.script.Script;

/**
 * The only mutable path to a {@link Transaction}: collects version, inputs, outputs and
 * nLockTime, then {@link #build()} freezes them. Not thread-safe. Building performs no
 * consensus checks (an empty input list is allowed, e.g. for tests); run {@link
 * ConsensusApi#checkTransaction(Transaction)} for those.
 */
public final class TransactionBuilder {
  private int version = 1;
  private final List<TxInput> inputs = new ArrayList<>();
  private final List<TxOutput> outputs = new ArrayList<>();
  private long lockTime;

  TransactionBuilder() {}

  TransactionBuilder(Transaction tx) {
    version = tx.version();
    inputs.addAll(tx.inputs());
    outputs.addAll(tx.outputs());
    lockTime = tx.lockTime();
  }

  /** Sets nVersion (default 1). */
  public TransactionBuilder version(int newVersion) {
    this.version = newVersion;
    return this;
  }

  /**
   * Sets nLockTime (default 0).
   *
   * @throws IllegalArgumentException if {@code newLockTime} is not in {@code [0, 2^32)}
   */
  public TransactionBuilder lockTime(long newLockTime) {
    if (newLockTime < 0 || newLockTime > 0xffffffffL) {
      throw new IllegalArgumentException("lockTime out of uint32 range: " + newLockTime);
    }
    this.lockTime = newLockTime;
    return this;
  }

  /** Appends {@code input}. */
  public TransactionBuilder addInput(TxInput input) {
    inputs.add(Objects.requireNonNull(input, "input"));
    return this;
  }

  /** Appends a final input spending {@code outPoint} with an empty scriptSig. */
  public TransactionBuilder addInput(OutPoint outPoint) {
    return addInput(TxInput.unsigned(outPoint));
  }

  /**
   * Replaces the input at {@code index}.
   *
   * @throws IndexOutOfBoundsException if there is no such input
   */
  public TransactionBuilder setInput(int index, TxInput input) {
    inputs.set(index, Objects.requireNonNull(input, "input"));
    return this;
  }

  /**
   * Replaces the scriptSig of the input at {@code index}.
   *
   * @throws IndexOutOfBoundsException if there is no such input
   */
  public TransactionBuilder setScriptSig(int index, Script scriptSig) {
    return setInput(index, inputs.get(index).withScriptSig(scriptSig));
  }

  /** Appends {@code output}. */
  public TransactionBuilder addOutput(TxOutput output) {
    outputs.add(Objects.requireNonNull(output, "output"));
    return this;
  }

  /** Appends an output paying {@code amount} to {@code scriptPubKey}. */
  public TransactionBuilder addOutput(Amount amount, Script scriptPubKey) {
    return addOutput(TxOutput.of(amount, scriptPubKey));
  }

  /** The number of inputs added so far. */
  public int inputCount() {
    return inputs.size();
  }

  /** The number of outputs added so far. */
  public int outputCount() {
    return outputs.size();
  }

  /** Freezes the current state into an immutable transaction; the builder stays usable. */
  public Transaction build() {
    return Transaction.create(version, inputs, outputs, lockTime);
  }
}
