package org.priwatt.script;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hex;

/**
 * An immutable Bitcoin script: the exact original bytes, including non-minimal pushes and
 * trailing garbage, which the interpreter must see as they are.
 */
public final class Script {
  /** The empty script. */
  public static final Script EMPTY = new Script(new byte[0]);

  private final byte[] program;
  private final int hash;

  private Script(byte[] program) {
    this.program = program;
    this.hash = Arrays.hashCode(program);
  }

  /** Wraps a copy of {@code program}. Any byte string is a script; parsing happens on use. */
  public static Script of(byte[] program) {
    Objects.requireNonNull(program, "program");
    return program.length == 0 ? EMPTY : new Script(program.clone());
  }

  /** Returns a copy of the raw script bytes. */
  public byte[] program() {
    return program.clone();
  }

  /** Returns the script length in bytes. */
  public int length() {
    return program.length;
  }

  /** Returns the raw byte at {@code index}. */
  public int byteAt(int index) {
    return program[index] & 0xff;
  }

  /** Copies the script bytes into {@code dest} at {@code offset} without allocating. */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(program, 0, dest, offset, program.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Script && Arrays.equals(program, ((Script) o).program);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Hex.encode(program);
  }
}
