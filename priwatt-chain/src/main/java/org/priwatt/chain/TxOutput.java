package org.priwatt.chain;

import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.script.Script;

/**
 * A transaction output: a value in satoshis and the scriptPubKey that locks it.
 *
 * <p>The value is kept as the raw signed 64-bit number of the wire format, because a decoded
 * transaction may carry a negative or oversized value that only the context-free checks reject
 * ({@link ConsensusApi#checkTransaction}); {@link #of(Amount, Script)} is the validated way to
 * build one.
 */
public final class TxOutput {
  /** The smallest possible serialized output: value and empty script. */
  public static final int MIN_SIZE = 8 + 1;
  /** The output codec; scripts are bounded by {@link Transaction#MAX_SIZE}. */
  public static final Codec<TxOutput> CODEC = new TxOutputCodec();

  private final long value;
  private final Script scriptPubKey;

  private TxOutput(long value, Script scriptPubKey) {
    this.value = value;
    this.scriptPubKey = scriptPubKey;
  }

  /** Returns an output paying {@code amount} to {@code scriptPubKey}. */
  public static TxOutput of(Amount amount, Script scriptPubKey) {
    return new TxOutput(amount.sat(), Objects.requireNonNull(scriptPubKey, "scriptPubKey"));
  }

  /**
   * Returns an output with an arbitrary raw value, valid or not; for decoders, tests and the
   * signature-hash placeholder output. Prefer {@link #of(Amount, Script)}.
   */
  public static TxOutput ofRawValue(long valueSat, Script scriptPubKey) {
    return new TxOutput(valueSat, Objects.requireNonNull(scriptPubKey, "scriptPubKey"));
  }

  /** The raw value in satoshis, possibly out of the money range for a decoded output. */
  public long value() {
    return value;
  }

  /**
   * The value as an {@link Amount}.
   *
   * @throws IllegalStateException if the raw value is negative or above {@link Amount#MAX_MONEY}
   */
  public Amount amount() {
    if (!Amount.isValid(value)) {
      throw new IllegalStateException("output value out of money range: " + value);
    }
    return Amount.ofSat(value);
  }

  /** The locking script. */
  public Script scriptPubKey() {
    return scriptPubKey;
  }

  /** The serialized size in bytes. */
  public int serializedSize() {
    return 8 + Transaction.varBytesSize(scriptPubKey.length());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TxOutput
        && ((TxOutput) o).value == value
        && ((TxOutput) o).scriptPubKey.equals(scriptPubKey);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value) * 31 + scriptPubKey.hashCode();
  }

  @Override
  public String toString() {
    return "TxOutput{" + value + " sat, scriptPubKey=" + scriptPubKey + "}";
  }

  private static final class TxOutputCodec implements Codec<TxOutput> {
    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public void encode(TxOutput v, ByteWriter out) {
      out.i64(v.value);
      byte[] script = v.scriptPubKey.program();
      out.compactSize(script.length).bytes(script);
    }

    @Override
    public TxOutput decode(ByteReader in) throws DecodeException {
      long value = in.i64();
      return new TxOutput(value, Script.fromBytes(Transaction.readVarBytes(in, Transaction.MAX_SIZE)));
    }

    @Override
    public int maxSize() {
      return Transaction.MAX_SIZE;
    }
  }
}
