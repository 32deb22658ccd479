package org.priwatt.chain.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.codec.ByteWriter;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptChunk;

/**
 * The few script shapes the transaction signer builds and recognises: P2PKH, P2SH, bare
 * m-of-n multisig redeem scripts, and push-only scriptSigs.
 */
public final class StandardScripts {
  private static final int OP_0 = 0x00;
  private static final int OP_PUSHDATA1 = 0x4c;
  private static final int OP_PUSHDATA2 = 0x4d;
  private static final int OP_PUSHDATA4 = 0x4e;
  private static final int OP_1 = 0x51;
  private static final int OP_DUP = 0x76;
  private static final int OP_EQUAL = 0x87;
  private static final int OP_EQUALVERIFY = 0x88;
  private static final int OP_HASH160 = 0xa9;
  private static final int OP_CHECKSIG = 0xac;
  private static final int OP_CHECKMULTISIG = 0xae;
  private static final int HASH160_LENGTH = 20;

  private StandardScripts() {}

  /** A bare multisig redeem script: its threshold and public keys in script order. */
  public static final class Multisig {
    private final int required;
    private final List<byte[]> keys;

    Multisig(int required, List<byte[]> keys) {
      this.required = required;
      this.keys = keys;
    }

    /** Signatures required (m). */
    public int required() {
      return required;
    }

    /** Encoded public keys in script order (copies). */
    public List<byte[]> keys() {
      List<byte[]> out = new ArrayList<>(keys.size());
      for (byte[] k : keys) {
        out.add(k.clone());
      }
      return out;
    }

    /** The position of {@code encodedKey} in the script, or -1. */
    public int indexOf(byte[] encodedKey) {
      for (int i = 0; i < keys.size(); i++) {
        if (Arrays.equals(keys.get(i), encodedKey)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** {@code OP_DUP OP_HASH160 <hash160> OP_EQUALVERIFY OP_CHECKSIG}. */
  public static Script p2pkh(byte[] hash160) {
    checkHash(hash160);
    ByteWriter w = new ByteWriter(25);
    w.writeUint8(OP_DUP).writeUint8(OP_HASH160).writeUint8(HASH160_LENGTH).writeBytes(hash160);
    return Script.of(w.writeUint8(OP_EQUALVERIFY).writeUint8(OP_CHECKSIG).toByteArray());
  }

  /** {@code OP_HASH160 <hash160> OP_EQUAL}. */
  public static Script p2sh(byte[] hash160) {
    checkHash(hash160);
    ByteWriter w = new ByteWriter(23);
    w.writeUint8(OP_HASH160).writeUint8(HASH160_LENGTH).writeBytes(hash160);
    return Script.of(w.writeUint8(OP_EQUAL).toByteArray());
  }

  /**
   * {@code OP_m <key>... OP_n OP_CHECKMULTISIG}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= m <= n <= 16}
   */
  public static Script multisig(int m, List<byte[]> encodedKeys) {
    int n = encodedKeys.size();
    if (m < 1 || m > n || n > 16) {
      throw new IllegalArgumentException("need 1 <= m <= n <= 16, got " + m + "-of-" + n);
    }
    ByteWriter w = new ByteWriter();
    w.writeUint8(OP_1 - 1 + m);
    for (byte[] k : encodedKeys) {
      writePush(w, k);
    }
    return Script.of(w.writeUint8(OP_1 - 1 + n).writeUint8(OP_CHECKMULTISIG).toByteArray());
  }

  /** The hash160 of a P2PKH scriptPubKey, if {@code s} is one. */
  public static Optional<byte[]> matchP2pkh(Script s) {
    byte[] b = s.program();
    if (b.length == 25 && (b[0] & 0xff) == OP_DUP && (b[1] & 0xff) == OP_HASH160
        && b[2] == HASH160_LENGTH && (b[23] & 0xff) == OP_EQUALVERIFY
        && (b[24] & 0xff) == OP_CHECKSIG) {
      return Optional.of(Arrays.copyOfRange(b, 3, 23));
    }
    return Optional.empty();
  }

  /** The hash160 of a P2SH scriptPubKey, if {@code s} is one. */
  public static Optional<byte[]> matchP2sh(Script s) {
    byte[] b = s.program();
    if (b.length == 23 && (b[0] & 0xff) == OP_HASH160 && b[1] == HASH160_LENGTH
        && (b[22] & 0xff) == OP_EQUAL) {
      return Optional.of(Arrays.copyOfRange(b, 2, 22));
    }
    return Optional.empty();
  }

  /** The threshold and keys of a bare multisig script, if {@code s} is one. */
  public static Optional<Multisig> matchMultisig(Script s) {
    Optional<List<byte[]>> parts = splitMultisig(s.program());
    return parts.map(p -> new Multisig(p.size() == 0 ? 0 : p.get(0)[0], p.subList(1, p.size())));
  }

  private static Optional<List<byte[]>> splitMultisig(byte[] b) {
    if (b.length < 3 || (b[b.length - 1] & 0xff) != OP_CHECKMULTISIG) {
      return Optional.empty();
    }
    int m = (b[0] & 0xff) - OP_1 + 1;
    int n = (b[b.length - 2] & 0xff) - OP_1 + 1;
    if (m < 1 || m > 16 || n < m || n > 16) {
      return Optional.empty();
    }
    Optional<List<byte[]>> keys =
        pushes(Script.of(Arrays.copyOfRange(b, 1, b.length - 2)));
    if (keys.isEmpty() || keys.get().size() != n) {
      return Optional.empty();
    }
    List<byte[]> out = new ArrayList<>();
    out.add(new byte[] {(byte) m});
    out.addAll(keys.get());
    return Optional.of(out);
  }

  /** Returns {@code pushes} as a push-only script (OP_0 for empty items). */
  public static Script pushAll(List<byte[]> pushes) {
    ByteWriter w = new ByteWriter();
    for (byte[] p : pushes) {
      writePush(w, p);
    }
    return Script.of(w.toByteArray());
  }

  /** The data of each push in a push-only script, or empty if it has any other opcode. */
  public static Optional<List<byte[]>> pushes(Script s) {
    List<byte[]> out = new ArrayList<>();
    for (ScriptChunk chunk : s.chunks()) {
      if (!chunk.isPushData()) {
        return Optional.empty();
      }
      out.add(chunk.data());
    }
    return Optional.of(out);
  }

  private static void writePush(ByteWriter w, byte[] data) {
    int n = data.length;
    if (n == 0) {
      w.writeUint8(OP_0);
      return;
    }
    if (n < OP_PUSHDATA1) {
      w.writeUint8(n);
    } else if (n <= 0xff) {
      w.writeUint8(OP_PUSHDATA1).writeUint8(n);
    } else if (n <= 0xffff) {
      w.writeUint8(OP_PUSHDATA2).writeUint16Le(n);
    } else {
      w.writeUint8(OP_PUSHDATA4).writeInt32Le(n);
    }
    w.writeBytes(data);
  }

  private static void checkHash(byte[] hash160) {
    if (hash160.length != HASH160_LENGTH) {
      throw new IllegalArgumentException("hash160 must be 20 bytes, got " + hash160.length);
    }
  }

}
