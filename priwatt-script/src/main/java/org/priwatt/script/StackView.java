package org.priwatt.script;

import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of an interpreter stack, handed to an {@link ExecutionListener}. Valid only
 * during the callback; element 0 is the bottom. Elements are returned as copies.
 */
public interface StackView {
  /** Number of elements. */
  int size();

  /**
   * Returns a copy of the element at {@code index} (0 = bottom, {@code size() - 1} = top).
   *
   * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
   */
  byte[] get(int index);

  /** Returns copies of all elements, bottom first. */
  default List<byte[]> toList() {
    List<byte[]> out = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      out.add(get(i));
    }
    return out;
  }
}
