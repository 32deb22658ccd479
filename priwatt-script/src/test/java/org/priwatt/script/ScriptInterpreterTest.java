package org.priwatt.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;

class ScriptInterpreterTest {
  private static final Set<VerifyFlag> NONE = EnumSet.noneOf(VerifyFlag.class);
  private static final EcKey KEY = ToySignatures.key(7);

  private static ScriptError run(String sig, String pub, Set<VerifyFlag> flags) {
    return ScriptInterpreter.verify(ScriptAsm.parse(sig), ScriptAsm.parse(pub), flags,
        new ToySignatures());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "500 | CHECKLOCKTIMEVERIFY | OK",
    "501 | CHECKLOCKTIMEVERIFY | UNSATISFIED_LOCKTIME",
    "-1 | CHECKLOCKTIMEVERIFY | NEGATIVE_LOCKTIME",
    "0x05 0xffffffff00 | CHECKLOCKTIMEVERIFY | UNSATISFIED_LOCKTIME",
    "0x06 0xffffffffff00 | CHECKLOCKTIMEVERIFY | SCRIPTNUM",
    " | CHECKLOCKTIMEVERIFY | INVALID_STACK_OPERATION",
    "10 | CHECKSEQUENCEVERIFY | OK",
    "11 | CHECKSEQUENCEVERIFY | UNSATISFIED_LOCKTIME",
    "0x05 0x0000008000 | CHECKSEQUENCEVERIFY | OK",
  })
  void lockTimesGoThroughTheChecker(String sig, String pub, String expected) {
    Set<VerifyFlag> flags = EnumSet.of(VerifyFlag.CHECKLOCKTIMEVERIFY,
        VerifyFlag.CHECKSEQUENCEVERIFY);
    assertThat(run(sig == null ? "" : sig, pub, flags)).isEqualTo(ScriptError.valueOf(expected));
    // Without the flags they are NOP2/NOP3.
    assertThat(run(sig == null ? "1" : sig + " 1", pub + " DROP 1", NONE)).isIn(ScriptError.OK);
  }

  @Test
  void checkSigWithRealSignatureAndEncodingRules() {
    Script pub = ScriptBuilder.create().data(KEY.publicKey().encoded()).op(Opcode.OP_CHECKSIG).build();
    byte[] sig = ToySignatures.sign(KEY, pub);
    Script good = ScriptBuilder.create().data(sig).build();
    Set<VerifyFlag> strict = EnumSet.of(VerifyFlag.STRICTENC, VerifyFlag.LOW_S, VerifyFlag.NULLFAIL);
    assertThat(ScriptInterpreter.verify(good, pub, strict, new ToySignatures())).isEqualTo(ScriptError.OK);
    byte[] badType = sig.clone();
    badType[badType.length - 1] = 0x04;
    assertThat(ScriptInterpreter.verify(ScriptBuilder.create().data(badType).build(), pub, strict,
        new ToySignatures())).isEqualTo(ScriptError.SIG_HASHTYPE);
    byte[] wrong = sig.clone();
    wrong[10] ^= 1;
    assertThat(ScriptInterpreter.verify(ScriptBuilder.create().data(wrong).build(), pub, strict,
        new ToySignatures())).isEqualTo(ScriptError.SIG_NULLFAIL);
    assertThat(ScriptInterpreter.verify(ScriptBuilder.create().data(wrong).build(), pub, NONE,
        new ToySignatures())).isEqualTo(ScriptError.EVAL_FALSE);
    assertThat(ScriptInterpreter.verify(ScriptAsm.parse("0"), pub, strict, new ToySignatures()))
        .isEqualTo(ScriptError.EVAL_FALSE);
    // A high-S twin of the valid signature: valid ECDSA, rejected by LOW_S only.
    byte[] high = highS(sig);
    Script highSig = ScriptBuilder.create().data(high).build();
    assertThat(ScriptInterpreter.verify(highSig, pub, NONE, new ToySignatures())).isEqualTo(ScriptError.OK);
    assertThat(ScriptInterpreter.verify(highSig, pub, strict, new ToySignatures()))
        .isEqualTo(ScriptError.SIG_HIGH_S);
  }

  private static byte[] highS(byte[] sigWithType) {
    try {
      org.priwatt.crypto.EcdsaSignature s = org.priwatt.crypto.EcdsaSignature.decodeDer(
          java.util.Arrays.copyOf(sigWithType, sigWithType.length - 1));
      byte[] der = org.priwatt.crypto.EcdsaSignature.of(s.r(),
          org.priwatt.crypto.Secp256k1.ORDER.subtract(s.s())).encodeDer();
      byte[] out = java.util.Arrays.copyOf(der, der.length + 1);
      out[der.length] = sigWithType[sigWithType.length - 1];
      return out;
    } catch (org.priwatt.crypto.CryptoException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void findAndDeleteAndCodeSeparatorShapeTheScriptCode() {
    // The signature commits to the scriptCode after the last executed OP_CODESEPARATOR.
    Script tail = ScriptBuilder.create().data(KEY.publicKey().encoded()).op(Opcode.OP_CHECKSIG).build();
    Script pub = ScriptBuilder.create().op(Opcode.OP_NOP).op(Opcode.OP_CODESEPARATOR).script(tail).build();
    byte[] sig = ToySignatures.sign(KEY, tail);
    assertThat(ScriptInterpreter.verify(ScriptBuilder.create().data(sig).build(), pub, NONE,
        new ToySignatures())).isEqualTo(ScriptError.OK);
    assertThat(ScriptInterpreter.verify(ScriptBuilder.create().data(sig).build(), pub,
        EnumSet.of(VerifyFlag.CONST_SCRIPTCODE), new ToySignatures()))
        .isEqualTo(ScriptError.OP_CODESEPARATOR);
    // A copy of the signature inside the scriptPubKey is deleted before hashing.
    Script withSig = ScriptBuilder.create().data(new byte[] {1}).op(Opcode.OP_DROP).build();
    Script body = ScriptBuilder.create().script(tail).build();
    byte[] sig2 = ToySignatures.sign(KEY, ScriptBuilder.create().op(Opcode.OP_DROP).script(body).build());
    Script pub2 = ScriptBuilder.create().data(sig2).op(Opcode.OP_DROP).script(body).build();
    assertThat(withSig.length()).isPositive();
    assertThat(ScriptInterpreter.verify(ScriptBuilder.create().data(sig2).build(), pub2, NONE,
        new ToySignatures())).isEqualTo(ScriptError.OK);
    assertThat(ScriptInterpreter.verify(ScriptBuilder.create().data(sig2).build(), pub2,
        EnumSet.of(VerifyFlag.CONST_SCRIPTCODE), new ToySignatures()))
        .isEqualTo(ScriptError.SIG_FINDANDDELETE);
  }

  @Test
  void limits() {
    assertThat(ScriptInterpreter.verify(Script.EMPTY, Script.fromBytes(new byte[10_001]), NONE,
        SignatureChecker.NONE)).isEqualTo(ScriptError.SCRIPT_SIZE);
    assertThat(run("", "0x4d 0x0902 0x" + "00".repeat(521) + " DROP 1", NONE))
        .isEqualTo(ScriptError.PUSH_SIZE);
    assertThat(run("", "1 " + "NOP ".repeat(201), NONE)).isEqualTo(ScriptError.OK);
    assertThat(run("", "1 " + "NOP ".repeat(202), NONE)).isEqualTo(ScriptError.OP_COUNT);
    assertThat(run("1 ".repeat(999), "1", NONE)).isEqualTo(ScriptError.OK);
    assertThat(run("1 ".repeat(1000), "1", NONE)).isEqualTo(ScriptError.STACK_SIZE);
    assertThat(run("1 ".repeat(999), "TOALTSTACK 1 1", NONE)).isEqualTo(ScriptError.STACK_SIZE);
    assertThat(run("", "0 0 21 CHECKMULTISIG", NONE)).isEqualTo(ScriptError.PUBKEY_COUNT);
    assertThat(run("", "0 1 0 CHECKMULTISIG", NONE)).isEqualTo(ScriptError.SIG_COUNT);
    assertThat(run("", "1 0 0 CHECKMULTISIG", EnumSet.of(VerifyFlag.NULLDUMMY)))
        .isEqualTo(ScriptError.SIG_NULLDUMMY);
    assertThat(run("", "0 0 0 CHECKMULTISIG", EnumSet.of(VerifyFlag.NULLDUMMY)))
        .isEqualTo(ScriptError.OK);
  }

  @Test
  void evalExposesTheStack() {
    List<byte[]> stack = new ArrayList<>(List.of(new byte[] {2}, new byte[] {3}));
    assertThat(ScriptInterpreter.eval(ScriptAsm.parse("ADD 5 OVER"), stack, NONE,
        SignatureChecker.NONE)).isEqualTo(ScriptError.OK);
    assertThat(stack).hasSize(3);
    assertThat(Hex.encode(stack.get(0))).isEqualTo("05");
    assertThat(Hex.encode(stack.get(2))).isEqualTo("05");
    stack.clear();
    assertThat(ScriptInterpreter.eval(ScriptAsm.parse("1 VERIFY"), stack, NONE,
        SignatureChecker.NONE)).isEqualTo(ScriptError.OK);
    assertThat(stack).isEmpty();
    assertThat(ScriptInterpreter.eval(ScriptAsm.parse("0 VERIFY"), stack, NONE,
        SignatureChecker.NONE)).isEqualTo(ScriptError.VERIFY);
    assertThat(ScriptInterpreter.castToBool(Hex.decode("0080"))).isFalse();
    assertThat(ScriptInterpreter.castToBool(Hex.decode("8000"))).isTrue();
  }

  /**
   * Issue 11.8: with its own flag off, OP_CHECKLOCKTIMEVERIFY is OP_NOP2 and OP_CHECKSEQUENCEVERIFY
   * is OP_NOP3, plain NOPs even under DISCOURAGE_UPGRADABLE_NOPS, as in Bitcoin Core's EvalScript
   * (which discourages only NOP1 and NOP4..NOP10); so removing CHECKLOCKTIMEVERIFY or
   * CHECKSEQUENCEVERIFY from a valid spend never makes it invalid.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "NOP2 | OK",
    "NOP3 | OK",
    "CHECKLOCKTIMEVERIFY | OK",
    "CHECKSEQUENCEVERIFY | OK",
    "NOP1 | DISCOURAGE_UPGRADABLE_NOPS",
    "NOP4 | DISCOURAGE_UPGRADABLE_NOPS",
    "NOP10 | DISCOURAGE_UPGRADABLE_NOPS",
  })
  void lockTimeOpsWithTheirFlagOffAreNotDiscouraged(String op, String expected) {
    assertThat(run("1", op, EnumSet.of(VerifyFlag.DISCOURAGE_UPGRADABLE_NOPS)))
        .isEqualTo(ScriptError.valueOf(expected));
    // With the other lock-time flag on, the one that is off stays a plain NOP.
    if (op.endsWith("2") || op.contains("LOCKTIME")) {
      assertThat(run("1", op, EnumSet.of(VerifyFlag.DISCOURAGE_UPGRADABLE_NOPS,
          VerifyFlag.CHECKSEQUENCEVERIFY))).isEqualTo(ScriptError.OK);
    }
  }

  @Test
  void rejectsUnsupportedFlagCombinations() {
    assertThatThrownBy(() -> run("1", "1", EnumSet.of(VerifyFlag.WITNESS)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> run("1", "1", EnumSet.of(VerifyFlag.TAPROOT)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> run("1", "1", EnumSet.of(VerifyFlag.CLEANSTACK)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(run("1", "1", EnumSet.of(VerifyFlag.WITNESS_PUBKEYTYPE, VerifyFlag.MINIMALIF)))
        .isEqualTo(ScriptError.OK);
    assertThat(run("2", "IF 1 ENDIF", EnumSet.of(VerifyFlag.MINIMALIF))).isEqualTo(ScriptError.OK);
  }

  /**
   * Random scripts, biased towards real opcodes (issue 11.13: this used to assert only that the
   * result was not null). Each must run without throwing and: give the same result twice; give
   * what running the scriptSig and then the scriptPubKey through {@link ScriptInterpreter#eval}
   * gives (VerifyScript without P2SH is exactly that, plus the final truth test); and keep its
   * validity when a flag is removed from a valid run or added to an invalid one (Core's flag
   * monotonicity). The mix of outcomes is checked too, so the generator cannot degenerate into
   * scripts that all fail the same way.
   */
  @Test
  void randomScriptsAgreeWithEvalAndAreDeterministicAndMonotonic() {
    Random rnd = new Random(2024);
    VerifyFlag[] legacy = {VerifyFlag.P2SH, VerifyFlag.STRICTENC, VerifyFlag.DERSIG,
        VerifyFlag.LOW_S, VerifyFlag.NULLDUMMY, VerifyFlag.MINIMALDATA, VerifyFlag.NULLFAIL,
        VerifyFlag.DISCOURAGE_UPGRADABLE_NOPS, VerifyFlag.CHECKLOCKTIMEVERIFY,
        VerifyFlag.CHECKSEQUENCEVERIFY, VerifyFlag.CONST_SCRIPTCODE, VerifyFlag.SIGPUSHONLY};
    int[] common = {0x00, 0x01, 0x02, 0x4c, 0x4f, 0x51, 0x52, 0x53, 0x60, 0x63, 0x64, 0x67, 0x68,
        0x69, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78,
        0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x82, 0x87, 0x88, 0x8b, 0x8f, 0x91, 0x93, 0x9a, 0x9c, 0xa3,
        0xa5, 0xa9, 0xab, 0xac, 0xad, 0xae, 0xaf, 0xb1, 0xb2};
    Map<ScriptError, Integer> outcomes = new EnumMap<>(ScriptError.class);
    for (int i = 0; i < 20_000; i++) {
      // Mostly push-only scriptSigs, as real ones are, so the scriptPubKey has operands.
      boolean pushesOnly = rnd.nextInt(4) != 0;
      byte[] sig = pushesOnly ? randomPushes(rnd) : new byte[rnd.nextInt(12)];
      byte[] pub = new byte[rnd.nextInt(40)];
      for (byte[] b : pushesOnly ? new byte[][] {pub} : new byte[][] {sig, pub}) {
        for (int j = 0; j < b.length; j++) {
          b[j] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : common[rnd.nextInt(common.length)]);
        }
      }
      EnumSet<VerifyFlag> flags = EnumSet.noneOf(VerifyFlag.class);
      for (VerifyFlag f : legacy) {
        if (rnd.nextBoolean()) {
          flags.add(f);
        }
      }
      Script sigScript = Script.fromBytes(sig);
      Script pubScript = Script.fromBytes(pub);
      ScriptError r = ScriptInterpreter.verify(sigScript, pubScript, flags, new ToySignatures());
      String what = i + ": [" + ScriptAsm.format(sigScript) + "] [" + ScriptAsm.format(pubScript)
          + "] " + VerifyFlag.toList(flags);
      assertThat(ScriptInterpreter.verify(sigScript, pubScript, flags, new ToySignatures()))
          .as(what).isEqualTo(r);
      if (!(flags.contains(VerifyFlag.P2SH) && pubScript.isPayToScriptHash())) {
        assertThat(r).as(what).isEqualTo(evalBoth(sigScript, pubScript, flags));
      }
      VerifyFlag f = legacy[rnd.nextInt(legacy.length)];
      EnumSet<VerifyFlag> changed = EnumSet.copyOf(flags.isEmpty()
          ? EnumSet.noneOf(VerifyFlag.class) : flags);
      if (r == ScriptError.OK) {
        changed.remove(f);
      } else {
        changed.add(f);
      }
      ScriptError after = ScriptInterpreter.verify(sigScript, pubScript, changed,
          new ToySignatures());
      assertThat(after == ScriptError.OK).as(what + " with " + VerifyFlag.toList(changed)
          + " gives " + after).isEqualTo(r == ScriptError.OK);
      outcomes.merge(r, 1, Integer::sum);
    }
    assertThat(outcomes.getOrDefault(ScriptError.OK, 0)).as(outcomes.toString())
        .isGreaterThan(MIN_OK);
    assertThat(outcomes).as(outcomes.toString()).hasSizeGreaterThan(MIN_DISTINCT_OUTCOMES);
  }

  /** Outcome-mix floors for the random-script test (actual: see the assertion messages). */
  private static final int MIN_OK = 500;
  private static final int MIN_DISTINCT_OUTCOMES = 20;

  /** One to five pushes: small numbers, OP_1NEGATE, OP_0, or 1 to 3 random bytes. */
  private static byte[] randomPushes(Random rnd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int n = 1 + rnd.nextInt(5); n > 0; n--) {
      switch (rnd.nextInt(4)) {
        case 0 -> out.write(0x51 + rnd.nextInt(16)); // OP_1..OP_16
        case 1 -> out.write(rnd.nextBoolean() ? 0x00 : 0x4f); // OP_0, OP_1NEGATE
        default -> {
          int len = 1 + rnd.nextInt(3);
          out.write(len);
          for (int k = 0; k < len; k++) {
            out.write(rnd.nextInt(256));
          }
        }
      }
    }
    return out.toByteArray();
  }

  /** VerifyScript without P2SH, rebuilt from two {@link ScriptInterpreter#eval} calls. */
  private static ScriptError evalBoth(Script sig, Script pub, Set<VerifyFlag> flags) {
    if (flags.contains(VerifyFlag.SIGPUSHONLY) && !sig.isPushOnly()) {
      return ScriptError.SIG_PUSHONLY;
    }
    List<byte[]> stack = new ArrayList<>();
    ScriptError e = ScriptInterpreter.eval(sig, stack, flags, new ToySignatures());
    if (e == ScriptError.OK) {
      e = ScriptInterpreter.eval(pub, stack, flags, new ToySignatures());
    }
    if (e != ScriptError.OK) {
      return e;
    }
    return !stack.isEmpty() && ScriptInterpreter.castToBool(stack.get(stack.size() - 1))
        ? ScriptError.OK : ScriptError.EVAL_FALSE;
  }
}
