package org.priwatt.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.priwatt.script.testing.ScriptVectors;

class ScriptErrorTest {
  @ParameterizedTest
  @EnumSource(ScriptError.class)
  void everyConstantResolvesByNameAndTravelsInTheException(ScriptError error) {
    assertThat(ScriptError.forName(error.name())).isSameAs(error);
    assertThat(ScriptError.forName("SCRIPT_ERR_" + error.name())).isSameAs(error);
    ScriptException e = new ScriptException(error, "detail");
    assertThat(e.error()).isSameAs(error);
    assertThat(e.getMessage()).startsWith(error.name()).endsWith("detail");
  }

  @Test
  void vectorSpellingsResolve() {
    assertThat(ScriptError.forName("NULLFAIL")).isSameAs(ScriptError.SIG_NULLFAIL);
    assertThat(ScriptError.forName("SCRIPTNUM")).isSameAs(ScriptError.SCRIPTNUM);
    assertThatThrownBy(() -> ScriptError.forName("NO_SUCH_ERROR"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyExpectedErrorOfTheVectorFileIsAConstant() {
    Set<String> names = ScriptVectors.legacyRows().stream().map(ScriptVectors.Row::expected)
        .collect(Collectors.toSet());
    assertThat(names).hasSizeGreaterThan(25);
    names.forEach(n -> assertThat(ScriptError.forName(n)).isNotNull());
  }

  @Test
  void exceptionRejectsNullError() {
    assertThatThrownBy(() -> new ScriptException(null, "x"))
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @EnumSource(VerifyFlag.class)
  void everyFlagParsesByName(VerifyFlag flag) {
    assertThat(VerifyFlag.parseList(flag.name())).containsExactly(flag);
    assertThat(VerifyFlag.parseList("P2SH," + flag.name())).contains(flag, VerifyFlag.P2SH);
  }

  @Test
  void flagListsRoundTrip() {
    EnumSet<VerifyFlag> flags = EnumSet.of(VerifyFlag.P2SH, VerifyFlag.STRICTENC, VerifyFlag.NULLFAIL);
    assertThat(VerifyFlag.parseList(VerifyFlag.toList(flags))).isEqualTo(flags);
    assertThat(VerifyFlag.parseList("")).isEmpty();
    assertThat(VerifyFlag.parseList("NONE")).isEmpty();
    assertThat(VerifyFlag.toList(Set.of())).isEmpty();
    assertThatThrownBy(() -> VerifyFlag.parseList("P2SH,BOGUS"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
