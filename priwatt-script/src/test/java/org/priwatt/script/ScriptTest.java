package org.priwatt.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.crypto.Hex;

class ScriptTest {
  private static List<ScriptChunk> chunks(Script s) {
    List<ScriptChunk> out = new ArrayList<>();
    s.chunks().forEach(out::add);
    return out;
  }

  @Test
  void chunksParseLazilyAndReportTruncatedPushes() {
    List<ScriptChunk> c = chunks(Script.fromHex("0002abcd4c01ff76"));
    assertThat(c).hasSize(4);
    assertThat(c.get(0).opcode()).isSameAs(Opcode.OP_0);
    assertThat(c.get(0).data()).isEmpty();
    assertThat(c.get(1).data()).containsExactly(0xab, 0xcd);
    assertThat(c.get(1).offset()).isEqualTo(1);
    assertThat(c.get(2).opcode()).isSameAs(Opcode.OP_PUSHDATA1);
    assertThat(c.get(2).data()).containsExactly(0xff);
    assertThat(c.get(3).opcode()).isSameAs(Opcode.OP_DUP);
    assertThat(c.get(3).isPushData()).isFalse();

    List<ScriptChunk> bad = chunks(Script.fromHex("76 4d01".replace(" ", "")));
    assertThat(bad).hasSize(2);
    assertThat(bad.get(1).isMalformed()).isTrue();
    assertThat(bad.get(1).opcode()).isSameAs(Opcode.OP_PUSHDATA2);
    assertThat(Script.fromHex("764d01").isWellFormed()).isFalse();
    assertThat(Script.fromHex("764d0100ff").isWellFormed()).isTrue();
  }

  /** Every prefix of a script with all push forms parses to typed results, never an exception. */
  @Test
  void truncationAtEveryOffsetIsHandled() {
    Script full = ScriptBuilder.create().data(new byte[3]).data(new byte[80]).data(new byte[300])
        .raw(Hex.decode("4e0500000001020304055176ac")).build();
    assertThat(full.isWellFormed()).isTrue();
    byte[] bytes = full.program();
    for (int cut = 0; cut < bytes.length; cut++) {
      Script s = Script.fromBytes(java.util.Arrays.copyOf(bytes, cut));
      List<ScriptChunk> c = chunks(s);
      boolean malformed = !c.isEmpty() && c.get(c.size() - 1).isMalformed();
      assertThat(s.isWellFormed()).isEqualTo(!malformed);
      assertThat(s.toString().endsWith("[error]")).isEqualTo(malformed);
      assertThat(ScriptAsm.parse(ScriptAsm.format(s))).isEqualTo(s);
      s.getSigOpCount(true);
      s.withoutCodeSeparators();
      ScriptError r = ScriptInterpreter.verify(Script.EMPTY, s, java.util.EnumSet.noneOf(VerifyFlag.class), SignatureChecker.NONE);
      if (malformed) {
        assertThat(r).isIn(ScriptError.BAD_OPCODE, ScriptError.INVALID_STACK_OPERATION, ScriptError.PUSH_SIZE);
      }
    }
  }

  @Test
  void pushOnly() {
    assertThat(ScriptAsm.parse("0 1 16 -1 'abc' 0x4c 0x00 RESERVED").isPushOnly()).isTrue();
    assertThat(ScriptAsm.parse("1 NOP").isPushOnly()).isFalse();
    assertThat(Script.fromHex("4c").isPushOnly()).isFalse();
    assertThat(Script.EMPTY.isPushOnly()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "CHECKSIG CHECKSIGVERIFY | 2 | 2",
    "CHECKMULTISIG | 20 | 20",
    "2 0x21 0x020000000000000000000000000000000000000000000000000000000000000000 3 CHECKMULTISIG"
        + " | 20 | 3",
    "16 CHECKMULTISIGVERIFY 1 CHECKSIG | 21 | 17",
    "0 CHECKMULTISIG | 20 | 20",
    "17 CHECKMULTISIG | 20 | 20",
    "CHECKSIG 0x4c | 1 | 1",
    "0x4c CHECKSIG | 0 | 0",
  })
  void countsSigOpsLikeCore(String asm, int inaccurate, int accurate) {
    Script s = ScriptAsm.parse(asm);
    assertThat(s.getSigOpCount(false)).isEqualTo(inaccurate);
    assertThat(s.getSigOpCount(true)).isEqualTo(accurate);
  }

  @Test
  void p2shSigOpsComeFromTheRedeemScript() {
    Script redeem = ScriptAsm.parse("2 0x21 0x02" + "00".repeat(32) + " 0x21 0x03" + "00".repeat(32)
        + " 2 CHECKMULTISIG");
    Script p2sh = ScriptTemplates.p2shOf(redeem);
    Script scriptSig = ScriptBuilder.create().op(Opcode.OP_0).data(new byte[72])
        .data(redeem.program()).build();
    assertThat(p2sh.getSigOpCount(scriptSig)).isEqualTo(2);
    assertThat(p2sh.getSigOpCount(false)).isZero();
    // Non-push scriptSig or a truncated one: 0.
    assertThat(p2sh.getSigOpCount(ScriptAsm.parse("NOP").withoutCodeSeparators())).isZero();
    assertThat(p2sh.getSigOpCount(Script.fromHex("4c"))).isZero();
    assertThat(p2sh.getSigOpCount(Script.EMPTY)).isZero();
    // Not P2SH: the script's own accurate count.
    Script bare = ScriptAsm.parse("1 CHECKMULTISIG");
    assertThat(bare.getSigOpCount(scriptSig)).isEqualTo(1);
  }

  /** Bitcoin Core's FindAndDelete cases (script_tests.cpp), in hex. */
  @ParameterizedTest
  @CsvSource({
    "0302ff03, 0302ff03, ''",
    "0302ff030302ff03, 0302ff03, ''",
    "0302ff030302ff03, 02, 0302ff030302ff03",
    "0302ff030302ff03, ff, 0302ff030302ff03",
    "0302ff030302ff03, 03, 02ff0302ff03",
    "02feed5169, feed51, 02feed5169",
    "02feed5169, 02feed51, 69",
    "516902feed5169, feed51, 516902feed5169",
    "516902feed5169, 02feed51, 516969",
    "00005151, 0051, 0051",
    "000051005151, 0051, 0051",
    "0003feed, 03feed, 00",
    "0003feed, 00, 03feed",
    "51, '', 51",
  })
  void findAndDeleteLikeCore(String script, String pattern, String expected) {
    Script s = Script.fromHex(script);
    Script out = s.findAndDelete(Hex.decode(pattern));
    assertThat(out.toHex()).isEqualTo(expected);
    if (expected.equals(script)) {
      assertThat(out).isSameAs(s);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "ab, ''",
    "51ab52abab53, 515253",
    "76a9, 76a9",
    "02abab, 02abab",
    "ab4c, 4c",
    "ab4c05aa, 4c05",
    "ab4d01, 4d",
  })
  void removesCodeSeparatorsAsLegacySighashSerialisesThem(String script, String expected) {
    assertThat(Script.fromHex(script).withoutCodeSeparators().toHex()).isEqualTo(expected);
  }

  @Test
  void valueSemanticsAndCopies() {
    byte[] raw = Hex.decode("76a9");
    Script s = Script.fromBytes(raw);
    raw[0] = 0;
    assertThat(s.byteAt(0)).isEqualTo(0x76);
    s.program()[0] = 0;
    assertThat(s.byteAt(0)).isEqualTo(0x76);
    assertThat(s).isEqualTo(Script.fromHex("76A9")).hasSameHashCodeAs(Script.fromHex("76a9"));
    assertThat(s.toString()).isEqualTo("OP_DUP OP_HASH160");
    assertThat(s.toHex()).isEqualTo("76a9");
    byte[] dest = new byte[4];
    s.copyTo(dest, 1);
    assertThat(dest).containsExactly(0, 0x76, 0xa9, 0);
    assertThat(s.subscript(1).toHex()).isEqualTo("a9");
    assertThat(Script.fromBytes(new byte[0])).isSameAs(Script.EMPTY);
    assertThatThrownBy(() -> Script.fromBytes(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void builderPushesLikeCore() {
    assertThat(ScriptBuilder.create().data(new byte[0]).build().toHex()).isEqualTo("00");
    assertThat(ScriptBuilder.create().data(new byte[] {5}).build().toHex()).isEqualTo("0105");
    assertThat(ScriptBuilder.create().minimalData(new byte[] {5}).build().toHex()).isEqualTo("55");
    assertThat(ScriptBuilder.create().minimalData(new byte[] {(byte) 0x81}).build().toHex())
        .isEqualTo("4f");
    assertThat(ScriptBuilder.create().data(new byte[75]).build().byteAt(0)).isEqualTo(75);
    assertThat(ScriptBuilder.create().data(new byte[76]).build().toHex()).startsWith("4c4c");
    assertThat(ScriptBuilder.create().data(new byte[256]).build().toHex()).startsWith("4d0001");
    assertThat(ScriptBuilder.create().data(new byte[65536]).build().toHex())
        .startsWith("4e00000100");
    assertThat(ScriptBuilder.create().number(-1).number(0).number(16).number(17).number(-1000)
        .build().toHex()).isEqualTo("4f00600111" + "02e883");
    Random rnd = new Random(3);
    for (int i = 0; i < 200; i++) {
      byte[] data = new byte[rnd.nextInt(600)];
      rnd.nextBytes(data);
      List<ScriptChunk> c = chunks(ScriptBuilder.create().data(data).build());
      assertThat(c).hasSize(1);
      assertThat(c.get(0).data()).isEqualTo(data);
    }
  }
}
