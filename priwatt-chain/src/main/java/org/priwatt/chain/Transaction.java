package org.priwatt.chain;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;

/**
 * An immutable Bitcoin transaction in the legacy (pre-segwit) format: nVersion, the inputs, the
 * outputs and nLockTime, serialized little-endian with CompactSize counts exactly as Bitcoin
 * Core does. The serialization and the txid are computed once, at construction.
 *
 * <p>{@link TransactionBuilder} is the only mutable path; wallet metadata never lives here.
 * Decoding ({@link #parse(byte[])}) is bounded: the input may not exceed {@link #MAX_SIZE}, and
 * every count and length prefix is checked against the bytes remaining before allocation.
 * Segregated-witness serialization (BIP 144) is not part of the PriWatt chain: it is recognised,
 * as Bitcoin Core recognises it, by a 0x00 marker followed by a non-zero flag byte where the input
 * count would be, and refused as {@link ChainError#SEGWIT_NOT_SUPPORTED}. (A legacy transaction
 * with no inputs but some outputs begins with the same bytes; Core reads it the same way, and it
 * is invalid anyway.)
 */
public final class Transaction {
  /**
   * The largest transaction accepted by the decoder, in bytes. Bitcoin Core's CheckTransaction
   * rejects any larger legacy transaction ({@code bad-txns-oversize}), so nothing valid is lost.
   */
  public static final int MAX_SIZE = 1_000_000;
  /**
   * Bitcoin Core's {@code MAX_SIZE}: no CompactSize count in the chain's encodings (transactions,
   * blocks, undo data) may exceed 32 MiB; counts are also bounded by the bytes that remain.
   */
  public static final int MAX_COUNT = 0x02000000;
  /**
   * The transaction codec (little-endian, Bitcoin's legacy layout); its decode failures are
   * {@link DecodeException}s, which {@link #parse(byte[])} reports as {@link ChainException}s.
   */
  public static final Codec<Transaction> CODEC = new TransactionCodec();

  private final int version;
  private final List<TxInput> inputs;
  private final List<TxOutput> outputs;
  private final long lockTime;
  private final byte[] serialized;
  private final TxId txId;

  private Transaction(
      int version, List<TxInput> inputs, List<TxOutput> outputs, long lockTime, byte[] bytes) {
    this.version = version;
    this.inputs = inputs;
    this.outputs = outputs;
    this.lockTime = lockTime;
    this.serialized = bytes;
    this.txId = TxId.of(Sha256Hash.twiceOf(bytes));
  }

  /** Creates a transaction from parts already validated by the builder. */
  static Transaction create(
      int version, List<TxInput> inputs, List<TxOutput> outputs, long lockTime) {
    List<TxInput> in = List.copyOf(inputs);
    List<TxOutput> out = List.copyOf(outputs);
    ByteWriter w = ByteWriter.of(ByteOrder.LITTLE_ENDIAN, estimateSize(in, out));
    encode(version, in, out, lockTime, w);
    return new Transaction(version, in, out, lockTime, w.toByteArray());
  }

  /** Returns a new builder for a version-1 transaction with nLockTime 0. */
  public static TransactionBuilder builder() {
    return new TransactionBuilder();
  }

  /** Returns a builder initialised with this transaction's fields. */
  public TransactionBuilder toBuilder() {
    return new TransactionBuilder(this);
  }

  /**
   * Decodes a transaction that fills {@code bytes} exactly.
   *
   * @throws ChainException {@link ChainError#OVERSIZED} above {@link #MAX_SIZE}, {@link
   *     ChainError#SEGWIT_NOT_SUPPORTED} for a witness serialization, {@link
   *     ChainError#TRUNCATED}, {@link ChainError#LENGTH_OUT_OF_RANGE}, {@link
   *     ChainError#NON_CANONICAL_COMPACT_SIZE} or {@link ChainError#TRAILING_BYTES}
   */
  public static Transaction parse(byte[] bytes) throws ChainException {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return CODEC.decodeFully(bytes);
    } catch (DecodeException e) {
      throw new ChainException(e);
    }
  }

  /**
   * Decodes a transaction from hex (either case).
   *
   * @throws ChainException {@link ChainError#INVALID_HEX} if {@code hex} is not hex, otherwise as
   *     {@link #parse(byte[])}
   */
  public static Transaction parseHex(String hex) throws ChainException {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() > 2L * MAX_SIZE) {
      throw new ChainException(ChainError.OVERSIZED, "hex of " + hex.length() + " characters");
    }
    byte[] bytes;
    try {
      bytes = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw new ChainException(ChainError.INVALID_HEX, "not a hex string", e);
    }
    return parse(bytes);
  }

  /** nVersion, a signed 32-bit number. */
  public int version() {
    return version;
  }

  /** The inputs, unmodifiable. */
  public List<TxInput> inputs() {
    return inputs;
  }

  /**
   * The input at {@code index}.
   *
   * @throws IndexOutOfBoundsException if there is no such input
   */
  public TxInput input(int index) {
    return inputs.get(index);
  }

  /** The outputs, unmodifiable. */
  public List<TxOutput> outputs() {
    return outputs;
  }

  /**
   * The output at {@code index}.
   *
   * @throws IndexOutOfBoundsException if there is no such output
   */
  public TxOutput output(int index) {
    return outputs.get(index);
  }

  /** nLockTime, an unsigned 32-bit number. */
  public long lockTime() {
    return lockTime;
  }

  /** The transaction id, computed once. */
  public TxId txId() {
    return txId;
  }

  /** Whether this is a coinbase: exactly one input, spending the null outpoint. */
  public boolean isCoinbase() {
    return inputs.size() == 1 && inputs.get(0).outPoint().isNull();
  }

  /** The serialized size in bytes. */
  public int size() {
    return serialized.length;
  }

  /** Returns a copy of the legacy serialization. */
  public byte[] serialize() {
    return serialized.clone();
  }

  /** The serialization shared without copying, for the signature hasher in this package. */
  byte[] serializedNoCopy() {
    return serialized;
  }

  /** Returns the serialization as lower-case hex. */
  public String toHex() {
    return Hex.encode(serialized);
  }

  /** Equal when the serializations are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction && Arrays.equals(serialized, ((Transaction) o).serialized);
  }

  @Override
  public int hashCode() {
    return txId.hashCode();
  }

  @Override
  public String toString() {
    return "Transaction{txid=" + txId + ", version=" + version + ", inputs=" + inputs
        + ", outputs=" + outputs + ", lockTime=" + lockTime + "}";
  }

  /**
   * A CompactSize length of at most {@code max} and that many bytes, as Core reads a script: a
   * length beyond the bytes left is {@link DecodeError#TRUNCATED} (the input ended inside the
   * field), not a bad length, so a cut at any offset reads as a truncation.
   */
  static byte[] readVarBytes(ByteReader in, int max) throws DecodeException {
    return in.bytes((int) in.compactSize(max));
  }

  /** Size of a CompactSize length prefix plus {@code length} bytes. */
  static int varBytesSize(int length) {
    return ByteWriter.compactSizeLength(length) + length;
  }

  private static int estimateSize(List<TxInput> in, List<TxOutput> out) {
    long size = 8L + ByteWriter.compactSizeLength(in.size())
        + ByteWriter.compactSizeLength(out.size());
    for (TxInput i : in) {
      size += i.serializedSize();
    }
    for (TxOutput o : out) {
      size += o.serializedSize();
    }
    return (int) Math.min(size, Integer.MAX_VALUE - 8);
  }

  private static void encode(
      int version, List<TxInput> in, List<TxOutput> out, long lockTime, ByteWriter w) {
    w.i32(version);
    w.compactSize(in.size());
    for (TxInput i : in) {
      TxInput.CODEC.encode(i, w);
    }
    w.compactSize(out.size());
    for (TxOutput o : out) {
      TxOutput.CODEC.encode(o, w);
    }
    w.u32(lockTime);
  }

  private static final class TransactionCodec implements Codec<Transaction> {
    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public void encode(Transaction tx, ByteWriter out) {
      out.bytes(tx.serialized);
    }

    /** The serialization kept since construction, copied: nothing is re-encoded. */
    @Override
    public byte[] encode(Transaction tx) {
      return tx.serialized.clone();
    }

    @Override
    public Transaction decode(ByteReader in) throws DecodeException {
      int start = in.position();
      int version = in.i32();
      // BIP 144: where the input count would be, 0x00 (an empty input list) followed by a
      // non-zero flag marks the witness serialization, as Core's UnserializeTransaction reads it.
      if (in.peekU8(0) == 0 && in.peekU8(1) > 0) {
        throw in.failure(DecodeError.UNSUPPORTED_VERSION,
            "witness serialization (flag " + in.peekU8(1) + "): segwit is not supported");
      }
      int nIn = in.count(LengthPrefix.COMPACT_SIZE, MAX_COUNT, TxInput.MIN_SIZE);
      List<TxInput> inputs = new ArrayList<>(nIn);
      for (int i = 0; i < nIn; i++) {
        inputs.add(TxInput.CODEC.decode(in));
      }
      int nOut = in.count(LengthPrefix.COMPACT_SIZE, MAX_COUNT, TxOutput.MIN_SIZE);
      List<TxOutput> outputs = new ArrayList<>(nOut);
      for (int i = 0; i < nOut; i++) {
        outputs.add(TxOutput.CODEC.decode(in));
      }
      long lockTime = in.u32();
      if (in.position() - start > MAX_SIZE) {
        throw in.failure(DecodeError.OVERSIZED, "transaction exceeds " + MAX_SIZE);
      }
      return new Transaction(
          version,
          Collections.unmodifiableList(inputs),
          Collections.unmodifiableList(outputs),
          lockTime,
          in.copyFrom(start));
    }

    @Override
    public int maxSize() {
      return MAX_SIZE;
    }
  }
}
