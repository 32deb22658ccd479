package org.priwatt.script.internal;

import java.util.Arrays;
import org.priwatt.script.ScriptError;

/** Handlers for stack manipulation, OP_SIZE and OP_EQUAL(VERIFY). */
final class StackOps {
  private static final byte[] TRUE = {1};
  private static final byte[] FALSE = {};

  private StackOps() {}

  static byte[] bool(boolean value) {
    return value ? TRUE : FALSE;
  }

  static ScriptError toAltStack(Machine m, int op) {
    if (m.stack.size() < 1) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    m.altStack.push(m.stack.pop());
    return ScriptError.OK;
  }

  static ScriptError fromAltStack(Machine m, int op) {
    if (m.altStack.size() < 1) {
      return ScriptError.INVALID_ALTSTACK_OPERATION;
    }
    m.stack.push(m.altStack.pop());
    return ScriptError.OK;
  }

  static ScriptError drop2(Machine m, int op) {
    if (m.stack.size() < 2) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    m.stack.drop(2);
    return ScriptError.OK;
  }

  static ScriptError dup2(Machine m, int op) {
    return copyDeep(m, 2, 2);
  }

  static ScriptError dup3(Machine m, int op) {
    return copyDeep(m, 3, 3);
  }

  static ScriptError over2(Machine m, int op) {
    return copyDeep(m, 4, 2);
  }

  /** Pushes copies of {@code count} elements starting {@code depth} down, keeping their order. */
  private static ScriptError copyDeep(Machine m, int depth, int count) {
    ScriptStack s = m.stack;
    if (s.size() < depth) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    for (int i = 0; i < count; i++) {
      s.push(s.peek(depth)); // each push moves the next element to the same depth
    }
    return ScriptError.OK;
  }

  static ScriptError rot2(Machine m, int op) {
    ScriptStack s = m.stack;
    if (s.size() < 6) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    byte[] a = s.remove(6);
    byte[] b = s.remove(5);
    s.push(a);
    s.push(b);
    return ScriptError.OK;
  }

  static ScriptError swap2(Machine m, int op) {
    ScriptStack s = m.stack;
    if (s.size() < 4) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    s.swap(4, 2);
    s.swap(3, 1);
    return ScriptError.OK;
  }

  static ScriptError ifDup(Machine m, int op) {
    if (m.stack.size() < 1) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    byte[] top = m.stack.peek(1);
    if (Num.toBool(top)) {
      m.stack.push(top);
    }
    return ScriptError.OK;
  }

  static ScriptError depth(Machine m, int op) {
    m.stack.push(Num.encode(m.stack.size()));
    return ScriptError.OK;
  }

  static ScriptError drop(Machine m, int op) {
    if (m.stack.size() < 1) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    m.stack.drop(1);
    return ScriptError.OK;
  }

  static ScriptError dup(Machine m, int op) {
    if (m.stack.size() < 1) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    m.stack.push(m.stack.peek(1));
    return ScriptError.OK;
  }

  static ScriptError nip(Machine m, int op) {
    if (m.stack.size() < 2) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    m.stack.remove(2);
    return ScriptError.OK;
  }

  static ScriptError over(Machine m, int op) {
    if (m.stack.size() < 2) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    m.stack.push(m.stack.peek(2));
    return ScriptError.OK;
  }

  /** OP_PICK (0x79) and OP_ROLL (0x7a). */
  static ScriptError pickOrRoll(Machine m, int op) {
    ScriptStack s = m.stack;
    if (s.size() < 2) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    long raw = Num.decode(s.peek(1), m.requireMinimal, Num.DEFAULT_MAX_SIZE);
    if (raw == Num.INVALID) {
      return ScriptError.SCRIPTNUM;
    }
    int n = Num.toInt(raw);
    s.pop();
    if (n < 0 || n >= s.size()) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    byte[] item = op == 0x7a ? s.remove(n + 1) : s.peek(n + 1);
    s.push(item);
    return ScriptError.OK;
  }

  static ScriptError rot(Machine m, int op) {
    if (m.stack.size() < 3) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    m.stack.swap(3, 2);
    m.stack.swap(2, 1);
    return ScriptError.OK;
  }

  static ScriptError swap(Machine m, int op) {
    if (m.stack.size() < 2) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    m.stack.swap(2, 1);
    return ScriptError.OK;
  }

  static ScriptError tuck(Machine m, int op) {
    if (m.stack.size() < 2) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    m.stack.insert(3, m.stack.peek(1));
    return ScriptError.OK;
  }

  static ScriptError size(Machine m, int op) {
    if (m.stack.size() < 1) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    m.stack.push(Num.encode(m.stack.peek(1).length));
    return ScriptError.OK;
  }

  /** OP_EQUAL (0x87) and OP_EQUALVERIFY (0x88). */
  static ScriptError equal(Machine m, int op) {
    ScriptStack s = m.stack;
    if (s.size() < 2) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    boolean equal = Arrays.equals(s.peek(2), s.peek(1));
    s.drop(2);
    if (op == 0x88) {
      return equal ? ScriptError.OK : pushThen(s, false, ScriptError.EQUALVERIFY);
    }
    s.push(bool(equal));
    return ScriptError.OK;
  }

  /** Core pushes the result before failing a VERIFY; keep that for listeners and stack dumps. */
  static ScriptError pushThen(ScriptStack s, boolean value, ScriptError error) {
    s.push(bool(value));
    return error;
  }
}
