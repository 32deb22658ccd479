package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptAsm;
import org.priwatt.script.ScriptError;
import org.priwatt.script.VerifyFlag;
import org.priwatt.script.testing.ScriptVectors;
import org.priwatt.script.testing.ScriptVectors.Row;

/**
 * Bitcoin Core's script_tests.json through real transactions: every non-witness row is spent
 * from a crediting transaction built as in the vectors' README, with signatures checked by
 * {@link TransactionSignatureChecker} over this module's serialization and legacy sighash, and
 * must end with exactly the expected ScriptError.
 */
class ScriptTestsVectorTest {
  static List<Row> rows() {
    return ScriptVectors.legacyRows();
  }

  /** Core's BuildCreditingTransaction. */
  static Transaction crediting(Script scriptPubKey) {
    return Transaction.builder()
        .addInput(TxInput.of(OutPoint.NULL, Script.fromBytes(new byte[] {0, 0}), TxInput.SEQUENCE_FINAL))
        .addOutput(TxOutput.ofRawValue(0, scriptPubKey))
        .build();
  }

  /** Core's BuildSpendingTransaction. */
  static Transaction spending(Script scriptSig, Transaction credit) {
    return Transaction.builder()
        .addInput(TxInput.of(OutPoint.of(credit.txId(), 0), scriptSig, TxInput.SEQUENCE_FINAL))
        .addOutput(TxOutput.ofRawValue(0, Script.EMPTY))
        .build();
  }

  @Test
  void allLegacyRowsArePresent() {
    // 1,109 non-witness rows, 23 of which carry WITNESS or TAPROOT flags
    assertThat(rows()).hasSize(1086);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void row(Row row) {
    Script scriptPubKey = ScriptAsm.parse(row.scriptPubKey());
    Transaction credit = crediting(scriptPubKey);
    Transaction spend = spending(ScriptAsm.parse(row.scriptSig()), credit);
    ScriptError got = ConsensusApi.verifyInput(spend, 0, scriptPubKey, row.flags());
    assertThat(got).as(row.toString()).isEqualTo(ScriptError.forName(row.expected()));
  }

  /**
   * The flags the legacy interpreter takes: every flag but WITNESS and TAPROOT, which it refuses
   * (the legacy rows carry neither). Core's harness ranges over all flag bits.
   */
  private static final List<VerifyFlag> LEGACY_FLAGS = EnumSet.complementOf(
      EnumSet.of(VerifyFlag.WITNESS, VerifyFlag.TAPROOT)).stream().toList();

  /** Random flag sets tried per row on top of every single-flag change. */
  private static final int RANDOM_FLAG_SETS = 16;

  /**
   * Flag monotonicity, as Core's {@code DoTest} checks it (issue 11.8): removing flags from a
   * valid row keeps it valid and adding flags to an invalid row keeps it invalid. Every single
   * flag is tried, then random sets from a fixed seed (Core tries 256 random sets). Combinations
   * Core weeds out are skipped the same way: CLEANSTACK without P2SH (Core also requires WITNESS,
   * which the legacy interpreter cannot take), and a row with CLEANSTACK gets P2SH first.
   */
  /**
   * The legacy rows and one of PriWatt's own: the vectors' spending transaction (nLockTime 0,
   * final sequence, version 1) fails every lock-time check, so no vector row passes
   * CHECKSEQUENCEVERIFY under DISCOURAGE_UPGRADABLE_NOPS; this one does, through BIP 112's
   * disable bit, and must stay valid when CHECKSEQUENCEVERIFY is removed (OP_NOP3 then).
   */
  static Stream<Row> monotonicityRows() {
    return Stream.concat(rows().stream(), Stream.of(new Row(-1, "0x05 0x0000008000",
        "CHECKSEQUENCEVERIFY", "CHECKSEQUENCEVERIFY,DISCOURAGE_UPGRADABLE_NOPS", "OK",
        "CSV with the disable bit set; without the CSV flag it is NOP3")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("monotonicityRows")
  void flagsAreMonotonic(Row row) {
    Script scriptPubKey = ScriptAsm.parse(row.scriptPubKey());
    Transaction spend = spending(ScriptAsm.parse(row.scriptSig()), crediting(scriptPubKey));
    Set<VerifyFlag> flags = EnumSet.copyOf(row.verifyFlags().isEmpty()
        ? EnumSet.noneOf(VerifyFlag.class) : row.verifyFlags());
    if (flags.contains(VerifyFlag.CLEANSTACK)) {
      flags.add(VerifyFlag.P2SH);
    }
    boolean valid = row.expected().equals("OK");
    assertThat(ConsensusApi.verifyInput(spend, 0, scriptPubKey, flags) == ScriptError.OK)
        .as(row.toString()).isEqualTo(valid);
    List<Set<VerifyFlag>> changes = new ArrayList<>();
    for (VerifyFlag f : LEGACY_FLAGS) {
      changes.add(EnumSet.of(f));
    }
    Random rnd = new Random(row.index());
    for (int i = 0; i < RANDOM_FLAG_SETS; i++) {
      Set<VerifyFlag> extra = EnumSet.noneOf(VerifyFlag.class);
      for (VerifyFlag f : LEGACY_FLAGS) {
        if (rnd.nextBoolean()) {
          extra.add(f);
        }
      }
      changes.add(extra);
    }
    for (Set<VerifyFlag> change : changes) {
      Set<VerifyFlag> combined = EnumSet.copyOf(flags.isEmpty()
          ? EnumSet.noneOf(VerifyFlag.class) : flags);
      if (valid) {
        combined.removeAll(change);
      } else {
        combined.addAll(change);
      }
      if (combined.contains(VerifyFlag.CLEANSTACK) && !combined.contains(VerifyFlag.P2SH)) {
        continue;
      }
      ScriptError got = ConsensusApi.verifyInput(spend, 0, scriptPubKey, combined);
      assertThat(got == ScriptError.OK)
          .as("%s with flags %s gives %s", row, VerifyFlag.toList(combined), got)
          .isEqualTo(valid);
    }
  }
}
