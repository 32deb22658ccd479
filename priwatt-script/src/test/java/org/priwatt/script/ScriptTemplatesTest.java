package org.priwatt.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Hex;

class ScriptTemplatesTest {
  private static final Set<VerifyFlag> STANDARD = EnumSet.of(VerifyFlag.P2SH, VerifyFlag.STRICTENC,
      VerifyFlag.DERSIG, VerifyFlag.LOW_S, VerifyFlag.NULLDUMMY, VerifyFlag.MINIMALDATA,
      VerifyFlag.CLEANSTACK, VerifyFlag.NULLFAIL, VerifyFlag.SIGPUSHONLY,
      VerifyFlag.DISCOURAGE_UPGRADABLE_NOPS, VerifyFlag.CHECKLOCKTIMEVERIFY,
      VerifyFlag.CHECKSEQUENCEVERIFY);

  private static final EcKey DSO = ToySignatures.key(1);
  private static final EcKey BOB = ToySignatures.key(2);
  private static final EcKey ALICE = ToySignatures.key(3);

  private static byte[] pub(EcKey k) {
    return k.publicKey().encoded();
  }

  @Test
  void p2pkhBuildRecogniseAndSpend() {
    byte[] hash = Hashes.hash160(pub(ALICE));
    Script out = ScriptTemplates.p2pkh(hash);
    assertThat(out.toHex()).isEqualTo("76a914" + Hex.encode(hash) + "88ac");
    assertThat(ScriptTemplates.isP2pkh(out)).isTrue();
    assertThat(ScriptTemplates.p2pkhHash(out)).hasValueSatisfying(h -> assertThat(h).isEqualTo(hash));
    assertThat(ScriptTemplates.classify(out)).isEqualTo(ScriptType.P2PKH);
    Script sig = ScriptBuilder.create().data(ToySignatures.sign(ALICE, out)).data(pub(ALICE)).build();
    assertThat(ScriptInterpreter.verify(sig, out, STANDARD, new ToySignatures()))
        .isEqualTo(ScriptError.OK);
    Script wrongKey = ScriptBuilder.create().data(ToySignatures.sign(BOB, out)).data(pub(BOB)).build();
    assertThat(ScriptInterpreter.verify(wrongKey, out, STANDARD, new ToySignatures()))
        .isEqualTo(ScriptError.EQUALVERIFY);
    assertThatThrownBy(() -> ScriptTemplates.p2pkh(new byte[19]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void p2pkAndOpReturn() {
    Script p2pk = ScriptTemplates.p2pk(pub(BOB));
    assertThat(ScriptTemplates.classify(p2pk)).isEqualTo(ScriptType.P2PK);
    // Core's Solver checks only that the prefix fits the size, so a hybrid key (06/07) counts.
    byte[] hybrid = ALICE.publicKey().uncompressedEncoding();
    hybrid[0] = (byte) (6 + (hybrid[64] & 1));
    Script hybridP2pk = ScriptBuilder.create().data(hybrid).op(Opcode.OP_CHECKSIG).build();
    assertThat(ScriptTemplates.isP2pk(hybridP2pk)).isTrue();
    assertThat(ScriptTemplates.isP2pk(Script.fromHex("21" + "05".repeat(33) + "ac"))).isFalse();
    Script data = ScriptTemplates.opReturn("PriWatt".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(ScriptTemplates.isOpReturn(data)).isTrue();
    assertThat(ScriptTemplates.classify(data)).isEqualTo(ScriptType.NULL_DATA);
    assertThat(ScriptTemplates.isOpReturn(ScriptAsm.parse("RETURN"))).isTrue();
    assertThat(ScriptTemplates.isOpReturn(ScriptAsm.parse("RETURN DUP"))).isFalse();
    assertThat(ScriptTemplates.isOpReturn(Script.fromHex("6a4c"))).isFalse();
    assertThat(ScriptInterpreter.verify(Script.EMPTY, data, STANDARD, SignatureChecker.NONE))
        .isEqualTo(ScriptError.OP_RETURN);
    assertThat(ScriptTemplates.classify(ScriptAsm.parse("1 DROP"))).isEqualTo(ScriptType.NONSTANDARD);
    assertThat(ScriptTemplates.classify(Script.EMPTY)).isEqualTo(ScriptType.NONSTANDARD);
  }

  @Test
  void multisigBuildAndParse() {
    List<byte[]> keys = List.of(pub(DSO), pub(BOB), pub(ALICE));
    Script ms = ScriptTemplates.multisig(2, keys);
    MultisigScript parsed = ScriptTemplates.parseMultisig(ms).orElseThrow();
    assertThat(parsed.required()).isEqualTo(2);
    assertThat(parsed.keyCount()).isEqualTo(3);
    assertThat(parsed.key(0)).isEqualTo(pub(DSO));
    assertThat(parsed.indexOf(pub(ALICE))).isEqualTo(2);
    assertThat(parsed.indexOf(pub(ToySignatures.key(9)))).isEqualTo(-1);
    assertThat(parsed).isEqualTo(ScriptTemplates.parseMultisig(ms).orElseThrow());
    assertThat(ScriptTemplates.classify(ms)).isEqualTo(ScriptType.MULTISIG);
    // 17..20 keys use a number push for n.
    byte[][] many = new byte[20][];
    for (int i = 0; i < 20; i++) {
      many[i] = pub(ToySignatures.key(10 + i));
    }
    Script big = ScriptTemplates.multisig(17, List.of(many));
    assertThat(ScriptTemplates.parseMultisig(big).orElseThrow().required()).isEqualTo(17);
    assertThat(big.getSigOpCount(true)).isEqualTo(20); // n pushed as data: counted as 20
    assertThatThrownBy(() -> ScriptTemplates.multisig(0, keys)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScriptTemplates.multisig(4, keys)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScriptTemplates.multisig(1, List.of(new byte[33])))
        .isInstanceOf(IllegalArgumentException.class);
    // Near misses are not multisig.
    assertThat(ScriptTemplates.parseMultisig(ScriptAsm.parse("2 3 CHECKMULTISIG"))).isEmpty();
    assertThat(ScriptTemplates.parseMultisig(Script.fromHex(ms.toHex().replace("53ae", "52ae"))))
        .isEmpty(); // n = 2 but three keys
  }

  @Test
  void escrowRedeemScriptMatchesThePaperAndSpendsWithAnyTwoKeys() {
    EscrowKeys keys = EscrowKeys.of(DSO.publicKey(), BOB.publicKey(), ALICE.publicKey());
    Script redeem = ScriptTemplates.escrowRedeemScript(keys);
    assertThat(redeem.toHex()).isEqualTo("5221" + Hex.encode(pub(DSO)) + "21" + Hex.encode(pub(BOB))
        + "21" + Hex.encode(pub(ALICE)) + "53ae");
    assertThat(ScriptTemplates.parseEscrow(redeem)).contains(keys);
    assertThat(ScriptTemplates.parseEscrow(ScriptTemplates.multisig(1,
        List.of(pub(DSO), pub(BOB), pub(ALICE))))).isEmpty();
    Script out = ScriptTemplates.p2shOf(redeem);
    assertThat(ScriptTemplates.classify(out)).isEqualTo(ScriptType.P2SH);
    assertThat(out.getSigOpCount(ScriptTemplates.p2shMultisigScriptSig(List.of(), redeem)))
        .isEqualTo(3);
    ToySignatures checker = new ToySignatures();
    EcKey[][] pairs = {{DSO, BOB}, {DSO, ALICE}, {BOB, ALICE}};
    for (EcKey[] pair : pairs) {
      Script sig = ScriptTemplates.p2shMultisigScriptSig(List.of(
          ToySignatures.sign(pair[0], redeem), ToySignatures.sign(pair[1], redeem)), redeem);
      assertThat(ScriptInterpreter.verify(sig, out, STANDARD, checker)).isEqualTo(ScriptError.OK);
      // Signatures out of key order fail (NULLFAIL makes the failure explicit).
      Script swapped = ScriptTemplates.p2shMultisigScriptSig(List.of(
          ToySignatures.sign(pair[1], redeem), ToySignatures.sign(pair[0], redeem)), redeem);
      assertThat(ScriptInterpreter.verify(swapped, out, STANDARD, checker))
          .isEqualTo(ScriptError.SIG_NULLFAIL);
    }
    Script one = ScriptTemplates.p2shMultisigScriptSig(List.of(ToySignatures.sign(DSO, redeem)),
        redeem);
    assertThat(ScriptInterpreter.verify(one, out, STANDARD, checker))
        .isEqualTo(ScriptError.INVALID_STACK_OPERATION);
    assertThat(keys.toString()).contains(Hex.encode(pub(DSO)));
    assertThat(keys.scriptPubKey()).isEqualTo(out);
  }

  @Test
  void escrowPolicyIsOneForBuildersAndParsers() {
    // A repeated key would hand one party two of the three signatures.
    assertThatThrownBy(() -> EscrowKeys.of(DSO.publicKey(), BOB.publicKey(), BOB.publicKey()))
        .isInstanceOf(IllegalArgumentException.class);
    Script repeated = ScriptTemplates.multisig(2, List.of(pub(DSO), pub(BOB), pub(BOB)));
    assertThat(ScriptTemplates.parseEscrow(repeated)).isEmpty();
    // Uncompressed keys are refused on parse; keys given uncompressed are stored compressed.
    Script uncompressed = ScriptTemplates.multisig(2, List.of(DSO.publicKey().withCompression(false).encoded(),
        pub(BOB), pub(ALICE)));
    assertThat(ScriptTemplates.parseEscrow(uncompressed)).isEmpty();
    EscrowKeys k = EscrowKeys.of(DSO.publicKey().withCompression(false), BOB.publicKey(), ALICE.publicKey());
    assertThat(k.dso().isCompressed()).isTrue();
    assertThat(k.redeemScript().length()).isEqualTo(EscrowKeys.REDEEM_SCRIPT_LENGTH);
    // An invalid point in an escrow-shaped script.
    byte[] bad = k.redeemScript().bytes();
    bad[2] = 0x02;
    for (int i = 3; i < 35; i++) {
      bad[i] = (byte) 0xff;
    }
    assertThat(ScriptTemplates.parseEscrow(Script.fromBytes(bad))).isEmpty();
    assertThat(k.names(ALICE.publicKey().withCompression(false))).isTrue();
  }
}
