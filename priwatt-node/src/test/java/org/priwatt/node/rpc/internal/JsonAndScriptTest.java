package org.priwatt.node.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.chain.Amount;
import org.priwatt.node.rpc.ChainJson;
import org.priwatt.script.Script;

/** The server's number formats, JSON reader limits, descriptors, script assembly and authentication. */
class JsonAndScriptTest {

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({
    "4.656542373906925e-10, 4.656542373906925e-10",
    "1.0, 1",
    "0.5, 0.5",
    "12.5, 12.5",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "123456789012345.0, 123456789012345",
    "1.0e16, 1e+16",
    "0.1, 0.1",
    "0.0, 0",
    "-2.5, -2.5"
  })
  void realsPrintAsCoresSetprecision16(double v, String text) {
    assertThat(Json.formatReal(v)).isEqualTo(text);
  }

  @Test
  void amountsHaveEightDecimals() {
    assertThat(Json.writeString(Json.amount(Amount.ofSat(5_000_000_000L)))).isEqualTo("50.00000000");
    assertThat(Json.writeString(Json.amount(1))).isEqualTo("0.00000001");
    assertThat(Json.writeString(Json.amount(0))).isEqualTo("0.00000000");
  }

  @Test
  void theReaderKeepsTheFirstOfDuplicateKeysAndExactDecimals() throws Exception {
    Json.Parsed p = Json.reader(8, 1_000).parse("{\"a\":1,\"b\":0.1,\"a\":2}".getBytes(StandardCharsets.UTF_8));
    assertThat(p.root().get("a").asInt()).isEqualTo(1);
    assertThat(p.root().get("b").decimalValue().toPlainString()).isEqualTo("0.1");
    assertThat(p.duplicateKeys()).containsValue("a");
  }

  @Test
  void theReaderRefusesDeepNestingLongStringsAndTrailingData() {
    Json r = Json.reader(4, 10);
    assertThatThrownBy(() -> r.parse("[[[[[1]]]]]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Json.MalformedException.class);
    assertThatThrownBy(() -> r.parse("\"01234567890\"".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Json.MalformedException.class);
    assertThatThrownBy(() -> r.parse("1 2".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Json.MalformedException.class);
    assertThatThrownBy(() -> r.parse(new byte[0])).isInstanceOf(Json.MalformedException.class);
  }

  @Test
  void descriptorChecksumsMatchBip380() {
    assertThat(Descriptors.withChecksum("raw(deadbeef)")).isEqualTo("raw(deadbeef)#89f8spxm");
  }

  @Test
  void scriptSigAssemblyDecodesTheSighashTypeAsCore() {
    // A strict DER signature with SIGHASH_ALL and a compressed public key: Core shows "[ALL]".
    org.priwatt.crypto.EcKey key = org.priwatt.crypto.EcKey.generate();
    byte[] der = key.sign(new byte[32]).encodeDer();
    byte[] sig = java.util.Arrays.copyOf(der, der.length + 1);
    sig[der.length] = 0x01;
    byte[] pub = key.publicKey().encoded();
    Script scriptSig = org.priwatt.script.ScriptBuilder.create().data(sig).data(pub).build();
    assertThat(ChainJson.scriptSigAsm(scriptSig))
        .isEqualTo(org.priwatt.crypto.Hex.encode(der) + "[ALL] " + org.priwatt.crypto.Hex.encode(pub));
    sig[der.length] = 0x04; // no such hash type: plain hex
    assertThat(ChainJson.scriptSigAsm(org.priwatt.script.ScriptBuilder.create().data(sig).build()))
        .isEqualTo(org.priwatt.crypto.Hex.encode(sig));
    // Not a signature: plain hex; small pushes as numbers.
    assertThat(ChainJson.scriptSigAsm(Script.fromHex("0401020304" + "0500000000ff"))).isEqualTo("67305985 00000000ff");
    assertThat(ChainJson.scriptSigAsm(Script.fromHex("4c"))).isEqualTo("[error]");
  }

  @Test
  void theAuthenticatorComparesUserAndPassword() {
    Authenticator a = new Authenticator("u", "pw".toCharArray(), new SecureRandom());
    assertThat(a.check("Basic " + Base64.getEncoder().encodeToString("u:pw".getBytes(StandardCharsets.UTF_8)))).isTrue();
    assertThat(a.check("Basic " + Base64.getEncoder().encodeToString("u:pW".getBytes(StandardCharsets.UTF_8)))).isFalse();
    assertThat(a.check("Basic " + Base64.getEncoder().encodeToString("v:pw".getBytes(StandardCharsets.UTF_8)))).isFalse();
    assertThat(a.check("Basic " + Base64.getEncoder().encodeToString("upw".getBytes(StandardCharsets.UTF_8)))).isFalse();
    assertThat(a.check("Basic !!!")).isFalse();
    assertThat(a.check("Bearer x")).isFalse();
    assertThat(a.check(null)).isFalse();
    assertThat(a.toString()).doesNotContain("pw");
  }

  @Test
  void subnetsMatchAsRpcallowip() throws Exception {
    assertThat(Subnet.parse("10.0.0.0/8").contains(java.net.InetAddress.getByName("10.1.2.3"))).isTrue();
    assertThat(Subnet.parse("10.0.0.0/8").contains(java.net.InetAddress.getByName("11.1.2.3"))).isFalse();
    assertThat(Subnet.parse("::1").contains(java.net.InetAddress.getByName("::1"))).isTrue();
    assertThat(Subnet.parse("192.168.1.7").contains(java.net.InetAddress.getByName("192.168.1.8"))).isFalse();
    assertThatThrownBy(() -> Subnet.parse("example.com")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Subnet.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
  }

}
