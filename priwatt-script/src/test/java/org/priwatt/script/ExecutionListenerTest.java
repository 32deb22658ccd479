package org.priwatt.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionListenerTest {
  @Test
  void reportsEveryExecutedOpcodeWithBothStacks() {
    List<String> trace = new ArrayList<>();
    ExecutionListener listener = (script, offset, opcode, stack, alt) ->
        trace.add(offset + ":" + opcode.name() + " " + stack.size() + "/" + alt.size());
    Script sig = ScriptAsm.parse("1 2");
    Script pub = ScriptAsm.parse("TOALTSTACK 0 IF DUP ELSE NOP ENDIF FROMALTSTACK ADD 3 EQUAL");
    ScriptError result = ScriptInterpreter.verify(sig, pub, EnumSet.noneOf(VerifyFlag.class),
        SignatureChecker.NONE, listener);
    assertThat(result).isEqualTo(ScriptError.OK);
    assertThat(trace).containsExactly(
        "0:OP_1 1/0", "1:OP_2 2/0",
        "0:OP_TOALTSTACK 1/1", "1:OP_0 2/1", "2:OP_IF 1/1", "4:OP_ELSE 1/1", "5:OP_NOP 1/1",
        "6:OP_ENDIF 1/1", "7:OP_FROMALTSTACK 2/0", "8:OP_ADD 1/0", "9:OP_3 2/0",
        "10:OP_EQUAL 1/0");
  }

  @Test
  void stackViewsShowContentsAndP2shRedeemScriptIsTraced() {
    Script redeem = ScriptAsm.parse("5 EQUAL");
    Script sig = ScriptBuilder.create().number(5).data(redeem.program()).build();
    Script pub = ScriptTemplates.p2shOf(redeem);
    List<Script> scripts = new ArrayList<>();
    List<List<byte[]>> stacks = new ArrayList<>();
    ScriptInterpreter.verify(sig, pub, EnumSet.of(VerifyFlag.P2SH), SignatureChecker.NONE,
        (script, offset, opcode, stack, alt) -> {
          if (!scripts.contains(script)) {
            scripts.add(script);
          }
          stacks.add(stack.toList());
        });
    assertThat(scripts).containsExactly(sig, pub, redeem);
    assertThat(stacks.get(stacks.size() - 1)).hasSize(1);
    assertThat(stacks.get(stacks.size() - 1).get(0)).containsExactly(1);
  }
}
