package org.priwatt.chain;

import java.util.Random;
import org.priwatt.script.Script;

/** Deterministic random transactions and scripts for property and differential tests. */
final class RandomTransactions {
  private final Random rnd;

  RandomTransactions(long seed) {
    this.rnd = new Random(seed);
  }

  Random random() {
    return rnd;
  }

  /** A transaction with 1..maxInputs inputs and 0..maxOutputs outputs, valid money values. */
  Transaction transaction(int maxInputs, int maxOutputs) {
    TransactionBuilder b = Transaction.builder()
        .version(rnd.nextBoolean() ? rnd.nextInt(3) : rnd.nextInt())
        .lockTime(rnd.nextBoolean() ? 0 : Integer.toUnsignedLong(rnd.nextInt()));
    int nIn = 1 + rnd.nextInt(maxInputs);
    for (int i = 0; i < nIn; i++) {
      byte[] id = new byte[32];
      rnd.nextBytes(id);
      long index = rnd.nextInt(4) == 0 ? OutPoint.NULL_INDEX : rnd.nextInt(10);
      long seq = rnd.nextBoolean() ? TxInput.SEQUENCE_FINAL : Integer.toUnsignedLong(rnd.nextInt());
      b.addInput(TxInput.of(OutPoint.of(TxId.fromBytes(id), index), rawScript(40), seq));
    }
    int nOut = rnd.nextInt(maxOutputs + 1);
    for (int i = 0; i < nOut; i++) {
      long value = rnd.nextBoolean() ? rnd.nextInt(1_000_000) : (long) (rnd.nextDouble()
          * Amount.MAX_MONEY);
      b.addOutput(Amount.ofSat(value), rawScript(40));
    }
    return b.build();
  }

  /** Arbitrary bytes, possibly not a parseable script. */
  Script rawScript(int maxLength) {
    byte[] s = new byte[rnd.nextInt(maxLength + 1)];
    rnd.nextBytes(s);
    return Script.fromBytes(s);
  }

  /** A well-formed script of random opcodes and pushes, often with OP_CODESEPARATORs. */
  Script wellFormedScript(int maxOps) {
    org.priwatt.crypto.codec.ByteWriter w = org.priwatt.crypto.codec.ByteWriter.littleEndian();
    int ops = rnd.nextInt(maxOps + 1);
    for (int i = 0; i < ops; i++) {
      int kind = rnd.nextInt(6);
      if (kind == 0) {
        w.u8(0xab);
      } else if (kind == 1) {
        int n = rnd.nextInt(0x4c);
        w.u8(n);
        byte[] d = new byte[n];
        rnd.nextBytes(d);
        w.bytes(d);
      } else if (kind == 2) {
        int n = rnd.nextInt(80);
        w.u8(0x4c).u8(n);
        byte[] d = new byte[n];
        rnd.nextBytes(d);
        w.bytes(d);
      } else {
        w.u8(0x4f + rnd.nextInt(0xff - 0x4f + 1));
      }
    }
    return Script.fromBytes(w.toByteArray());
  }
}
