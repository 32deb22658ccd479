package org.priwatt.chain.block;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Cumulative proof of work of a chain: the sum of each block's {@link CompactTarget#work()}, the
 * quantity Bitcoin compares to pick the best chain (Core's {@code nChainWork}).
 *
 * <p>Immutable; addition returns a new value. Not bounded to 256 bits (a real chain stays far
 * below), so accumulation never wraps.
 */
public final class ChainWork implements Comparable<ChainWork> {
  /** No work: the value before the genesis block. */
  public static final ChainWork ZERO = new ChainWork(BigInteger.ZERO);

  private final BigInteger work;

  private ChainWork(BigInteger work) {
    this.work = work;
  }

  /**
   * Wraps a non-negative amount of work.
   *
   * @throws IllegalArgumentException if {@code work} is negative
   */
  public static ChainWork of(BigInteger work) {
    Objects.requireNonNull(work, "work");
    if (work.signum() < 0) {
      throw new IllegalArgumentException("chain work cannot be negative: " + work);
    }
    return new ChainWork(work);
  }

  /** Returns the work of one block with the given {@code nBits}. */
  public static ChainWork ofBlock(CompactTarget bits) {
    return new ChainWork(bits.work());
  }

  /** Returns this work plus one block mined at {@code bits}. */
  public ChainWork addBlock(CompactTarget bits) {
    return new ChainWork(work.add(bits.work()));
  }

  /** Returns the sum of both amounts. */
  public ChainWork add(ChainWork other) {
    return new ChainWork(work.add(other.work));
  }

  /** Returns the amount as a non-negative integer. */
  public BigInteger toBigInteger() {
    return work;
  }

  /** Returns 64 lower-case hex digits, the form of Core's {@code chainwork} RPC field. */
  public String toHex() {
    return String.format("%064x", work);
  }

  @Override
  public int compareTo(ChainWork o) {
    return work.compareTo(o.work);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainWork && work.equals(((ChainWork) o).work);
  }

  @Override
  public int hashCode() {
    return work.hashCode();
  }

  @Override
  public String toString() {
    return toHex();
  }
}
