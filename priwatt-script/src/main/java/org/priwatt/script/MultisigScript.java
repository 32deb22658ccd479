package org.priwatt.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.priwatt.crypto.Hex;

/**
 * A parsed bare multisig script {@code OP_m <key1> ... <keyN> OP_n OP_CHECKMULTISIG}: the number
 * of required signatures and the keys in script order (the order signatures must follow).
 */
public final class MultisigScript {
  private final int required;
  private final List<byte[]> keys;

  private MultisigScript(int required, List<byte[]> keys) {
    this.required = required;
    this.keys = keys;
  }

  static MultisigScript of(int required, List<byte[]> keys) {
    List<byte[]> copy = new ArrayList<>(keys.size());
    for (byte[] k : keys) {
      copy.add(k.clone());
    }
    return new MultisigScript(required, Collections.unmodifiableList(copy));
  }

  /** m: signatures required. */
  public int required() {
    return required;
  }

  /** n: number of keys. */
  public int keyCount() {
    return keys.size();
  }

  /** Returns a copy of key {@code index} (0-based, script order). */
  public byte[] key(int index) {
    return keys.get(index).clone();
  }

  /** The position of {@code key} in the script (0-based), or -1 if it is not one of the keys. */
  public int indexOf(byte[] key) {
    Objects.requireNonNull(key, "key");
    for (int i = 0; i < keys.size(); i++) {
      if (Arrays.equals(keys.get(i), key)) {
        return i;
      }
    }
    return -1;
  }

  /** Returns copies of the keys in script order. */
  public List<byte[]> keys() {
    List<byte[]> out = new ArrayList<>(keys.size());
    for (byte[] k : keys) {
      out.add(k.clone());
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MultisigScript)) {
      return false;
    }
    MultisigScript m = (MultisigScript) o;
    if (required != m.required || keys.size() != m.keys.size()) {
      return false;
    }
    for (int i = 0; i < keys.size(); i++) {
      if (!Arrays.equals(keys.get(i), m.keys.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = required;
    for (byte[] k : keys) {
      h = h * 31 + Arrays.hashCode(k);
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Multisig[" + required + " of " + keys.size());
    for (byte[] k : keys) {
      sb.append(", ").append(Hex.encode(k));
    }
    return sb.append(']').toString();
  }

  /** Requires {@code keys} non-null; used by builders. */
  static List<byte[]> requireKeys(List<byte[]> keys) {
    Objects.requireNonNull(keys, "keys");
    keys.forEach(k -> Objects.requireNonNull(k, "key"));
    return keys;
  }
}
