package org.priwatt.script.internal;

/**
 * The IF/ELSE/ENDIF execution state in O(1) per operation, as Bitcoin Core's ConditionStack:
 * only the depth and the position of the first false entry matter, since a branch executes only
 * if every enclosing condition is true.
 */
final class ConditionStack {
  private static final int NO_FALSE = -1;

  private int size;
  private int firstFalse = NO_FALSE;

  void clear() {
    size = 0;
    firstFalse = NO_FALSE;
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean allTrue() {
    return firstFalse == NO_FALSE;
  }

  void push(boolean value) {
    if (firstFalse == NO_FALSE && !value) {
      firstFalse = size;
    }
    size++;
  }

  void pop() {
    size--;
    if (firstFalse == size) {
      firstFalse = NO_FALSE;
    }
  }

  void toggleTop() {
    if (firstFalse == NO_FALSE) {
      firstFalse = size - 1;
    } else if (firstFalse == size - 1) {
      firstFalse = NO_FALSE;
    }
    // Otherwise a false entry below the top stays the first false one.
  }
}
