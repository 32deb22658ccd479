package org.priwatt.script.internal;

import java.util.Arrays;
import org.priwatt.script.StackView;

/**
 * The interpreter's main or alt stack: an array of immutable byte arrays. Elements are shared,
 * never modified in place, so duplicating one copies only a reference. Depth arguments count from
 * the top as Core's {@code stacktop(-i)}: depth 1 is the top.
 */
public final class ScriptStack implements StackView {
  private byte[][] items = new byte[32][];
  private int size;

  @Override
  public int size() {
    return size;
  }

  @Override
  public byte[] get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return items[index].clone();
  }

  /** Returns the shared element at {@code index} (0 = bottom) without copying. */
  public byte[] element(int index) {
    return items[index];
  }

  /** Returns the shared element {@code depth} places from the top (1 = top). */
  public byte[] peek(int depth) {
    return items[size - depth];
  }

  /** Pushes {@code item} (not copied; the caller gives up ownership). */
  public void push(byte[] item) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = item;
  }

  /** Removes and returns the top element. */
  public byte[] pop() {
    byte[] top = items[--size];
    items[size] = null;
    return top;
  }

  /** Removes {@code count} elements from the top. */
  public void drop(int count) {
    for (int i = 0; i < count; i++) {
      items[--size] = null;
    }
  }

  /** Removes the element {@code depth} places from the top and returns it. */
  public byte[] remove(int depth) {
    int index = size - depth;
    byte[] item = items[index];
    System.arraycopy(items, index + 1, items, index, depth - 1);
    items[--size] = null;
    return item;
  }

  /** Inserts {@code item} so that it ends up {@code depth} places from the top. */
  public void insert(int depth, byte[] item) {
    push(item);
    int index = size - depth;
    System.arraycopy(items, index, items, index + 1, depth - 1);
    items[index] = item;
  }

  /** Swaps the elements at depths {@code a} and {@code b}. */
  public void swap(int a, int b) {
    int ia = size - a;
    int ib = size - b;
    byte[] t = items[ia];
    items[ia] = items[ib];
    items[ib] = t;
  }

  /** Empties the stack. */
  public void clear() {
    Arrays.fill(items, 0, size, null);
    size = 0;
  }

  /** Replaces the contents with {@code other}'s (sharing the elements). */
  public void copyFrom(ScriptStack other) {
    clear();
    for (int i = 0; i < other.size; i++) {
      push(other.items[i]);
    }
  }
}
