package org.priwatt.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpcodeTest {
  private static final Set<VerifyFlag> NO_FLAGS = EnumSet.noneOf(VerifyFlag.class);

  @Test
  void tableCoversEveryByteWithUniqueNames() {
    Set<String> names = new HashSet<>();
    Map<OpcodeKind, Integer> counts = new EnumMap<>(OpcodeKind.class);
    for (int v = 0; v < 256; v++) {
      Opcode op = Opcode.of(v);
      assertThat(op.value()).isEqualTo(v);
      assertThat(op.name()).startsWith("OP_");
      assertThat(names.add(op.name())).as(op.name()).isTrue();
      assertThat(Opcode.forName(op.name())).containsSame(op);
      assertThat(op.toString()).isEqualTo(op.name());
      counts.merge(op.kind(), 1, Integer::sum);
    }
    assertThat(counts).containsEntry(OpcodeKind.PUSH_DATA, 0x4f)
        .containsEntry(OpcodeKind.PUSH_NUMBER, 17)
        .containsEntry(OpcodeKind.DISABLED, 15)
        .containsEntry(OpcodeKind.CONDITIONAL, 4)
        .containsEntry(OpcodeKind.NOP, 1)
        .containsEntry(OpcodeKind.UPGRADABLE_NOP, 8)
        .containsEntry(OpcodeKind.RESERVED, 6)
        .containsEntry(OpcodeKind.INVALID, 256 - 0xba);
    assertThatThrownBy(() -> Opcode.of(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Opcode.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAndAliasesMatchCore() {
    assertThat(Opcode.OP_CHECKSIG.value()).isEqualTo(0xac);
    assertThat(Opcode.OP_CHECKLOCKTIMEVERIFY.value()).isEqualTo(0xb1);
    assertThat(Opcode.forName("NOP2")).containsSame(Opcode.OP_CHECKLOCKTIMEVERIFY);
    assertThat(Opcode.forName("nop3")).containsSame(Opcode.OP_CHECKSEQUENCEVERIFY);
    assertThat(Opcode.forName("OP_TRUE")).containsSame(Opcode.OP_1);
    assertThat(Opcode.forName("FALSE")).containsSame(Opcode.OP_0);
    assertThat(Opcode.forName("OP_BOGUS")).isEmpty();
    assertThat(Opcode.OP_0.asmName()).isEqualTo("0");
    assertThat(Opcode.OP_1NEGATE.asmName()).isEqualTo("-1");
    assertThat(Opcode.OP_16.asmName()).isEqualTo("16");
    assertThat(Opcode.of(0xc0).asmName()).isEqualTo("OP_UNKNOWN");
    assertThat(Opcode.OP_INVALIDOPCODE.asmName()).isEqualTo("OP_INVALIDOPCODE");
    assertThat(Opcode.OP_NOP10.value()).isEqualTo(0xb9);
  }

  @Test
  void smallIntegers() {
    for (int n = -1; n <= 16; n++) {
      assertThat(Opcode.forSmallInteger(n).smallIntegerValue()).contains(n);
    }
    assertThat(Opcode.OP_DUP.smallIntegerValue()).isEmpty();
    assertThatThrownBy(() -> Opcode.forSmallInteger(17)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Opcode.OP_RESERVED.isPushOnly()).isTrue();
    assertThat(Opcode.OP_NOP.isCounted()).isTrue();
    assertThat(Opcode.OP_16.isCounted()).isFalse();
  }

  /** Each opcode alone in an executed branch behaves as its kind says. */
  @Test
  void executionFollowsTheClassification() {
    for (int v = 0x4f; v < 256; v++) {
      Opcode op = Opcode.of(v);
      // Ten items on the stack so that stack-shape requirements are met where possible.
      Script script = ScriptBuilder.create().raw(new byte[] {0x51, 0x51, 0x51, 0x51, 0x51, 0x51})
          .op(op).build();
      ScriptError result =
          ScriptInterpreter.verify(Script.EMPTY, script, NO_FLAGS, SignatureChecker.NONE);
      switch (op.kind()) {
        case DISABLED:
          assertThat(result).as(op.name()).isEqualTo(ScriptError.DISABLED_OPCODE);
          break;
        case RESERVED:
        case INVALID:
          assertThat(result).as(op.name()).isEqualTo(ScriptError.BAD_OPCODE);
          break;
        case NOP:
        case UPGRADABLE_NOP:
        case PUSH_NUMBER:
          assertThat(result).as(op.name()).isEqualTo(ScriptError.OK);
          break;
        default:
          assertThat(result).as(op.name()).isNotEqualTo(ScriptError.BAD_OPCODE);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0x7e, 0x7f, 0x80, 0x81, 0x83, 0x84, 0x85, 0x86, 0x8d, 0x8e, 0x95, 0x96,
      0x97, 0x98, 0x99})
  void disabledOpcodesFailEvenUnexecuted(int value) {
    Script script = ScriptBuilder.create().op(Opcode.OP_0).op(Opcode.OP_IF).op(Opcode.of(value))
        .op(Opcode.OP_ENDIF).op(Opcode.OP_1).build();
    assertThat(ScriptInterpreter.verify(Script.EMPTY, script, NO_FLAGS, SignatureChecker.NONE))
        .isEqualTo(ScriptError.DISABLED_OPCODE);
  }

  @Test
  void verIfFailsUnexecutedButOtherReservedOpcodesDoNot() {
    for (Opcode op : new Opcode[] {Opcode.OP_VERIF, Opcode.OP_VERNOTIF}) {
      Script s = ScriptAsm.parse("0 IF " + op.name() + " ENDIF 1");
      assertThat(ScriptInterpreter.verify(Script.EMPTY, s, NO_FLAGS, SignatureChecker.NONE))
          .isEqualTo(ScriptError.BAD_OPCODE);
    }
    for (String name : new String[] {"RESERVED", "VER", "RESERVED1", "RESERVED2", "0xba", "0xff"}) {
      Script s = ScriptAsm.parse("0 IF " + name + " ENDIF 1");
      assertThat(ScriptInterpreter.verify(Script.EMPTY, s, NO_FLAGS, SignatureChecker.NONE))
          .as(name).isEqualTo(ScriptError.OK);
    }
  }
}
