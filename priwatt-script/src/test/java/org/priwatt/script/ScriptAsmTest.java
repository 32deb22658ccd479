package org.priwatt.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.priwatt.script.testing.ScriptVectors;

class ScriptAsmTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "0 | 00",
    "-1 1 16 | 4f5160",
    "17 -2 | 0111 0182",
    "1000 | 02e803",
    "4294967295 | 05ffffffff00",
    "-4294967295 | 05ffffffff80",
    "'Az' | 02417a",
    "'' | 00",
    "0x4c 0x01 0x07 | 4c0107",
    "DUP OP_HASH160 | 76a9",
    "NOP2 CHECKLOCKTIMEVERIFY NOP3 | b1b1b2",
    "RESERVED OP_CHECKSIGADD | 50ba",
    "  HASH256\tEQUAL  | aa87",
  })
  void parsesCoreTestSyntax(String asm, String hex) {
    assertThat(ScriptAsm.parse(asm).toHex()).isEqualTo(hex.replace(" ", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"BOGUS", "0x", "0x1", "0xzz", "4294967296", "-4294967296", "'a",
      "99999999999999999999", "OP_0", "1ADD1", "NOP1x", "OP_UNKNOWN", "PUSHDATA1"})
  void rejectsMalformedWords(String word) {
    assertThatThrownBy(() -> ScriptAsm.parse(word)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "76a914000102030405060708090a0b0c0d0e0f1011121388ac | OP_DUP OP_HASH160 "
        + "000102030405060708090a0b0c0d0e0f10111213 OP_EQUALVERIFY OP_CHECKSIG",
    "004f5160 | 0 -1 1 16",
    "02ff | [error]",
    "514c | 1 [error]",
    "0180 | 0",
    "04ffffffff | -2147483647",
    "0500000000ff | 00000000ff",
    "bbff50ba | OP_UNKNOWN OP_INVALIDOPCODE OP_RESERVED OP_CHECKSIGADD",
    "4c0100 | 0",
    "b1b2 | OP_CHECKLOCKTIMEVERIFY OP_CHECKSEQUENCEVERIFY",
  })
  void disassemblesLikeCore(String hex, String asm) {
    assertThat(Script.fromHex(hex.trim()).toString()).isEqualTo(asm.trim());
  }

  @Test
  void formatRoundTripsRandomScriptsByteForByte() {
    Random rnd = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes = new byte[rnd.nextInt(40)];
      rnd.nextBytes(bytes);
      Script s = Script.fromBytes(bytes);
      String text = ScriptAsm.format(s);
      assertThat(ScriptAsm.parse(text)).as(text).isEqualTo(s);
    }
  }

  @Test
  void formatRoundTripsVectorScripts() {
    for (ScriptVectors.Row row : ScriptVectors.legacyRows()) {
      for (String asm : new String[] {row.scriptSig(), row.scriptPubKey()}) {
        Script s = ScriptAsm.parse(asm);
        assertThat(ScriptAsm.parse(ScriptAsm.format(s))).isEqualTo(s);
      }
    }
  }

  @Test
  void formatIsReadable() {
    Script p2pkh = ScriptAsm.parse("DUP HASH160 0x14 0x0102030405060708090a0b0c0d0e0f1011121314 "
        + "EQUALVERIFY CHECKSIG");
    assertThat(ScriptAsm.format(p2pkh)).isEqualTo(
        "DUP HASH160 0x14 0x0102030405060708090a0b0c0d0e0f1011121314 EQUALVERIFY CHECKSIG");
    assertThat(ScriptAsm.format(Script.fromHex("0051c04c"))).isEqualTo("0 1 0xc0 0x4c");
  }
}
