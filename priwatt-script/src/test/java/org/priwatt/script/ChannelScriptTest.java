package org.priwatt.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;

/**
 * The channel output: its exact bytes, parsing only what {@link ChannelScript} builds, and the
 * three spends under the standard flags (ToySignatures' lock-time oracle accepts heights up to
 * 500): both keys in the OP_IF branch, the client alone only in the CLTV branch once the height
 * is reached, and nothing else.
 */
class ChannelScriptTest {
  private static final Set<VerifyFlag> STANDARD = EnumSet.of(VerifyFlag.P2SH, VerifyFlag.STRICTENC,
      VerifyFlag.DERSIG, VerifyFlag.LOW_S, VerifyFlag.NULLDUMMY, VerifyFlag.MINIMALDATA,
      VerifyFlag.CLEANSTACK, VerifyFlag.NULLFAIL, VerifyFlag.SIGPUSHONLY, VerifyFlag.MINIMALIF,
      VerifyFlag.DISCOURAGE_UPGRADABLE_NOPS, VerifyFlag.CHECKLOCKTIMEVERIFY, VerifyFlag.CHECKSEQUENCEVERIFY);
  private static final EcKey BOB = ToySignatures.key(2);
  private static final EcKey ALICE = ToySignatures.key(3);

  @Test
  void theRedeemScriptIsExactlyTheDocumentedOne() {
    ChannelScript c = ChannelScript.of(BOB.publicKey(), ALICE.publicKey(), 300);
    String b = Hex.encode(BOB.publicKey().compressedEncoding());
    String a = Hex.encode(ALICE.publicKey().compressedEncoding());
    // OP_IF <B> OP_CHECKSIGVERIFY OP_ELSE <300 = 2c01> OP_CLTV OP_DROP OP_ENDIF <A> OP_CHECKSIG
    assertThat(c.redeemScript().toHex()).isEqualTo("6321" + b + "ad67022c01b1756821" + a + "ac");
    assertThat(c.scriptPubKey()).isEqualTo(ScriptTemplates.p2shOf(c.redeemScript()));
    assertThat(ScriptTemplates.classify(c.scriptPubKey())).isEqualTo(ScriptType.P2SH);
  }

  @Test
  void parseAcceptsOnlyWhatOfBuilds() {
    for (long h : new long[] {1, 16, 17, 300, 499_999_999L}) {
      ChannelScript c = ChannelScript.of(BOB.publicKey(), ALICE.publicKey(), h);
      assertThat(ChannelScript.parse(c.redeemScript())).contains(c);
    }
    ChannelScript c = ChannelScript.of(BOB.publicKey(), ALICE.publicKey(), 300);
    byte[] p = c.redeemScript().program();
    for (int i = 0; i < p.length; i++) {
      byte[] q = p.clone();
      q[i] ^= 0x01;
      assertThat(ChannelScript.parse(Script.fromBytes(q))).as("flip at %d", i)
          .satisfiesAnyOf(o -> assertThat(o).isEmpty(), o -> assertThat(o.orElseThrow().redeemScript().program())
              .isEqualTo(q));
      assertThat(ChannelScript.parse(Script.fromBytes(java.util.Arrays.copyOf(p, i)))).isEmpty();
    }
    // A non-minimal height push is not the script of() builds.
    byte[] nonMinimal = ScriptBuilder.create().op(Opcode.OP_IF).data(BOB.publicKey().compressedEncoding())
        .op(Opcode.OP_CHECKSIGVERIFY).op(Opcode.OP_ELSE).data(new byte[] {0x2c, 0x01, 0x00})
        .op(Opcode.OP_CHECKLOCKTIMEVERIFY).op(Opcode.OP_DROP).op(Opcode.OP_ENDIF)
        .data(ALICE.publicKey().compressedEncoding()).op(Opcode.OP_CHECKSIG).build().program();
    assertThat(ChannelScript.parse(Script.fromBytes(nonMinimal))).isEmpty();
  }

  @Test
  void keysMustDifferAndTheHeightMustBeABlockHeight() {
    assertThatThrownBy(() -> ChannelScript.of(BOB.publicKey(), BOB.publicKey().withCompression(false), 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChannelScript.of(BOB.publicKey(), ALICE.publicKey(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChannelScript.of(BOB.publicKey(), ALICE.publicKey(), ChannelScript.LOCKTIME_THRESHOLD))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ChannelScript.of(BOB.publicKey().withCompression(false), ALICE.publicKey(), 5).server().isCompressed())
        .isTrue();
  }

  @Test
  void bothKeysSpendAtAnyTimeAndTheClientAloneOnlyAfterTheRefundHeight() {
    ChannelScript early = ChannelScript.of(BOB.publicKey(), ALICE.publicKey(), 400);
    Script redeem = early.redeemScript();
    Script both = early.paymentScriptSig(ToySignatures.sign(ALICE, redeem), ToySignatures.sign(BOB, redeem));
    assertThat(verify(both, early)).isEqualTo(ScriptError.OK);
    Script refund = early.refundScriptSig(ToySignatures.sign(ALICE, redeem));
    assertThat(verify(refund, early)).isEqualTo(ScriptError.OK);

    ChannelScript late = ChannelScript.of(BOB.publicKey(), ALICE.publicKey(), 600);
    Script lateRedeem = late.redeemScript();
    assertThat(verify(late.refundScriptSig(ToySignatures.sign(ALICE, lateRedeem)), late))
        .isEqualTo(ScriptError.UNSATISFIED_LOCKTIME);
    assertThat(verify(late.paymentScriptSig(ToySignatures.sign(ALICE, lateRedeem), ToySignatures.sign(BOB,
        lateRedeem)), late)).isEqualTo(ScriptError.OK);
    // The server alone, or the client's signature in the server's place, spends nothing.
    assertThat(verify(late.paymentScriptSig(ToySignatures.sign(BOB, lateRedeem), ToySignatures.sign(BOB,
        lateRedeem)), late)).isNotEqualTo(ScriptError.OK);
    assertThat(verify(late.paymentScriptSig(ToySignatures.sign(ALICE, lateRedeem), ToySignatures.sign(ALICE,
        lateRedeem)), late)).isNotEqualTo(ScriptError.OK);
    assertThat(verify(early.refundScriptSig(ToySignatures.sign(BOB, redeem)), early)).isNotEqualTo(ScriptError.OK);
  }

  private static ScriptError verify(Script scriptSig, ChannelScript c) {
    return ScriptInterpreter.verify(scriptSig, c.scriptPubKey(), STANDARD, new ToySignatures());
  }
}
