package org.priwatt.chain;

import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.script.Script;

/**
 * A transaction input: the outpoint it spends, its scriptSig and its nSequence (an unsigned
 * 32-bit number; {@link #SEQUENCE_FINAL} disables nLockTime and relative lock-time for it).
 */
public final class TxInput {
  /** nSequence of a final input. */
  public static final long SEQUENCE_FINAL = 0xffffffffL;
  /** BIP 68: if set, nSequence carries no relative lock-time. */
  public static final long SEQUENCE_LOCKTIME_DISABLE_FLAG = 1L << 31;
  /** BIP 68: if set, the relative lock-time counts 512-second units, else blocks. */
  public static final long SEQUENCE_LOCKTIME_TYPE_FLAG = 1L << 22;
  /** BIP 68: the bits of nSequence holding the relative lock-time value. */
  public static final long SEQUENCE_LOCKTIME_MASK = 0x0000ffffL;
  /** The smallest possible serialized input: outpoint, empty script, sequence. */
  public static final int MIN_SIZE = OutPoint.SIZE + 1 + 4;
  /** The input codec; scripts are bounded by {@link Transaction#MAX_SIZE}. */
  public static final Codec<TxInput> CODEC = new TxInputCodec();

  private final OutPoint outPoint;
  private final Script scriptSig;
  private final long sequence;

  private TxInput(OutPoint outPoint, Script scriptSig, long sequence) {
    this.outPoint = outPoint;
    this.scriptSig = scriptSig;
    this.sequence = sequence;
  }

  /**
   * Returns an input spending {@code outPoint}.
   *
   * @throws IllegalArgumentException if {@code sequence} is not in {@code [0, 2^32)}
   */
  public static TxInput of(OutPoint outPoint, Script scriptSig, long sequence) {
    Objects.requireNonNull(outPoint, "outPoint");
    Objects.requireNonNull(scriptSig, "scriptSig");
    if (sequence < 0 || sequence > SEQUENCE_FINAL) {
      throw new IllegalArgumentException("sequence out of uint32 range: " + sequence);
    }
    return new TxInput(outPoint, scriptSig, sequence);
  }

  /** Returns a final input spending {@code outPoint} with an empty scriptSig. */
  public static TxInput unsigned(OutPoint outPoint) {
    return of(outPoint, Script.EMPTY, SEQUENCE_FINAL);
  }

  /** The outpoint spent. */
  public OutPoint outPoint() {
    return outPoint;
  }

  /** The unlocking script. */
  public Script scriptSig() {
    return scriptSig;
  }

  /** nSequence, in {@code [0, 2^32)}. */
  public long sequence() {
    return sequence;
  }

  /** Returns a copy of this input with {@code scriptSig} replaced. */
  public TxInput withScriptSig(Script newScriptSig) {
    return of(outPoint, newScriptSig, sequence);
  }

  /** Returns a copy of this input with {@code sequence} replaced. */
  public TxInput withSequence(long newSequence) {
    return of(outPoint, scriptSig, newSequence);
  }

  /** The serialized size in bytes. */
  public int serializedSize() {
    return OutPoint.SIZE + Transaction.varBytesSize(scriptSig.length()) + 4;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TxInput)) {
      return false;
    }
    TxInput other = (TxInput) o;
    return sequence == other.sequence
        && outPoint.equals(other.outPoint)
        && scriptSig.equals(other.scriptSig);
  }

  @Override
  public int hashCode() {
    return Objects.hash(outPoint, scriptSig, sequence);
  }

  @Override
  public String toString() {
    return "TxInput{" + outPoint + ", scriptSig=" + scriptSig + ", sequence=0x"
        + Long.toHexString(sequence) + "}";
  }

  private static final class TxInputCodec implements Codec<TxInput> {
    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public void encode(TxInput value, ByteWriter out) {
      OutPoint.CODEC.encode(value.outPoint, out);
      byte[] script = value.scriptSig.program();
      out.compactSize(script.length).bytes(script);
      out.u32(value.sequence);
    }

    @Override
    public TxInput decode(ByteReader in) throws DecodeException {
      OutPoint op = OutPoint.CODEC.decode(in);
      Script script = Script.fromBytes(Transaction.readVarBytes(in, Transaction.MAX_SIZE));
      return new TxInput(op, script, in.u32());
    }

    @Override
    public int maxSize() {
      return Transaction.MAX_SIZE;
    }
  }

}
