package org.priwatt.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code priwatt script trace}: every executed opcode with the stacks, and the result. */
class ScriptCommandTest {
  @Test
  void tracesEachOpcodeWithTheStackAfterIt() {
    Cli r = Cli.run("script", "trace", "1 2 ADD 3 EQUAL");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).containsPattern("1\\s+0\\s+OP_1\\s+\\[01\\]")
        .containsPattern("3\\s+2\\s+OP_ADD\\s+\\[03\\]")
        .containsPattern("5\\s+4\\s+OP_EQUAL\\s+\\[01\\]")
        .contains("result: OK after 5 opcode(s)");
    assertThat(Cli.run("script", "trace", "5152935387").out()).isEqualTo(r.out());
  }

  @Test
  void aFailingScriptExitsOneWithTheInterpretersCode() {
    Cli r = Cli.run("script", "trace", "1 2 ADD 4 EQUAL");
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.out()).contains("result: EVAL_FALSE after 5 opcode(s)");
    assertThat(r.err()).startsWith("priwatt script trace: EVAL_FALSE");
    Cli verify = Cli.run("script", "trace", "VERIFY", "--script-sig", "0");
    assertThat(verify.err()).startsWith("priwatt script trace: VERIFY");
  }

  @Test
  void showsTheAltStackAndEachScriptOfASpend() {
    Cli alt = Cli.run("script", "trace", "1 TOALTSTACK 2", "--flags", "NONE");
    assertThat(alt.code()).isZero();
    assertThat(alt.out()).containsPattern("OP_TOALTSTACK\\s+\\[\\] \\| \\[01\\]");
    Cli spend = Cli.run("script", "trace", "3 EQUAL", "--script-sig", "1 2 ADD", "--flags", "P2SH");
    assertThat(spend.code()).as(spend.toString()).isZero();
    assertThat(spend.out()).contains("script 1 2 OP_ADD", "script 3 OP_EQUAL", "result: OK after 5 opcode(s)");
  }

  @Test
  void badScriptTextOrFlagsAreUsageErrors() {
    Cli r = Cli.run("script", "trace", "1 FROB");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.errLines().get(0)).contains("unknown word 'FROB'");
    assertThat(Cli.run("script", "trace", "1", "--flags", "WITNESS").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("script", "trace", "1", "--flags", "BOGUS").code()).isEqualTo(Main.USAGE);
  }
}
