package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkParametersTest {
  static List<NetworkParameters> presets() {
    return NetworkParameters.all();
  }

  @Test
  void bitcoinBytesMatchBitcoinCore() {
    NetworkParameters main = NetworkParameters.BITCOIN_MAINNET;
    assertThat(List.of(main.p2pkhVersion(), main.p2shVersion(), main.wifPrefix()))
        .containsExactly(0x00, 0x05, 0x80);
    assertThat(main.bip32PrivateVersion()).isEqualTo(0x0488ade4);
    assertThat(main.bip32PublicVersion()).isEqualTo(0x0488b21e);
    NetworkParameters test = NetworkParameters.BITCOIN_TESTNET;
    assertThat(List.of(test.p2pkhVersion(), test.p2shVersion(), test.wifPrefix()))
        .containsExactly(0x6f, 0xc4, 0xef);
    assertThat(test.bip32PrivateVersion()).isEqualTo(0x04358394);
    assertThat(test.bip32PublicVersion()).isEqualTo(0x043587cf);
  }

  @Test
  void allListsThePresetsInOrder() {
    assertThat(NetworkParameters.all())
        .containsExactly(
            NetworkParameters.PRIWATT,
            NetworkParameters.BITCOIN_MAINNET,
            NetworkParameters.BITCOIN_TESTNET);
  }

  @Test
  void presetsShareNoVersionByte() {
    Set<Integer> addressBytes = new HashSet<>();
    Set<Integer> wif = new HashSet<>();
    Set<Integer> bip32 = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (NetworkParameters n : NetworkParameters.all()) {
      assertThat(addressBytes.add(n.p2pkhVersion())).isTrue();
      assertThat(addressBytes.add(n.p2shVersion())).isTrue();
      assertThat(wif.add(n.wifPrefix())).isTrue();
      assertThat(bip32.add(n.bip32PrivateVersion())).isTrue();
      assertThat(bip32.add(n.bip32PublicVersion())).isTrue();
      assertThat(ids.add(n.id())).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("presets")
  void lookupsFindEachPreset(NetworkParameters n) {
    assertThat(NetworkParameters.byId(n.id())).contains(n);
    assertThat(NetworkParameters.byP2pkhVersion(n.p2pkhVersion())).contains(n);
    assertThat(NetworkParameters.byP2shVersion(n.p2shVersion())).contains(n);
    assertThat(NetworkParameters.byWifPrefix(n.wifPrefix())).contains(n);
    assertThat(NetworkParameters.byBip32Version(n.bip32PrivateVersion())).contains(n);
    assertThat(NetworkParameters.byBip32Version(n.bip32PublicVersion())).contains(n);
    assertThat(n.toString()).isEqualTo(n.id());
  }

  @Test
  void lookupsMissUnknownValues() {
    assertThat(NetworkParameters.byId("nope")).isEmpty();
    assertThat(NetworkParameters.byP2pkhVersion(0x05)).isEmpty();
    assertThat(NetworkParameters.byP2shVersion(0x00)).isEmpty();
    assertThat(NetworkParameters.byWifPrefix(0x00)).isEmpty();
    assertThat(NetworkParameters.byBip32Version(0x12345678)).isEmpty();
  }

  @Test
  void priwattPrefixesAreRecognisable() {
    // Smallest and largest payloads for each version give the first characters' range.
    for (byte fill : new byte[] {0, (byte) 0xff}) {
      byte[] hash = new byte[20];
      Arrays.fill(hash, fill);
      assertThat(Base58Check.encode(prefixed(0x37, hash))).startsWith("P");
      assertThat(Base58Check.encode(prefixed(0x75, hash))).startsWith("p");
      byte[] body = new byte[74];
      Arrays.fill(body, fill);
      assertThat(Base58Check.encode(bip32(0x03e25946, body))).startsWith("pprv");
      assertThat(Base58Check.encode(bip32(0x03e25d80, body))).startsWith("ppub");
    }
  }

  private static byte[] prefixed(int version, byte[] body) {
    byte[] out = new byte[body.length + 1];
    out[0] = (byte) version;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private static byte[] bip32(int version, byte[] body) {
    return ByteBuffer.allocate(78).putInt(version).put(body).array();
  }

  @Test
  void customNetworkIsValidated() {
    NetworkParameters reg =
        NetworkParameters.of("reg", "Regtest", 0x6f, 0xc4, 0xef, 0x04358394, 0x043587cf);
    assertThat(reg.id()).isEqualTo("reg");
    assertThat(reg.displayName()).isEqualTo("Regtest");
    assertThat(reg).isNotEqualTo(NetworkParameters.BITCOIN_TESTNET);
    assertThat(reg)
        .isEqualTo(NetworkParameters.of("reg", "Regtest", 0x6f, 0xc4, 0xef, 0x04358394, 0x043587cf))
        .hasSameHashCodeAs(
            NetworkParameters.of("reg", "Regtest", 0x6f, 0xc4, 0xef, 0x04358394, 0x043587cf));
    assertThatThrownBy(() -> NetworkParameters.of("x", "X", 256, 1, 2, 3, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NetworkParameters.of("x", "X", 1, -1, 2, 3, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NetworkParameters.of("x", "X", 1, 2, 300, 3, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NetworkParameters.of("x", "X", 1, 1, 2, 3, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NetworkParameters.of("x", "X", 1, 2, 2, 3, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NetworkParameters.of("", "X", 1, 2, 2, 3, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NetworkParameters.of("x", null, 1, 2, 2, 3, 4))
        .isInstanceOf(NullPointerException.class);
  }
}
