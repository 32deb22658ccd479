package org.priwatt.chain.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.DerivationPath;
import org.priwatt.crypto.ExtendedPrivateKey;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.SecretBytes;

/** Fresh addresses per trade, the BIP 32 layout, lookahead after restore. */
class KeyChainTest {
  static final NetworkParameters NET = NetworkParameters.PRIWATT;

  static SecretBytes seed() {
    byte[] s = new byte[32];
    s[5] = 9;
    return SecretBytes.copyOf(s);
  }

  @Test
  void everyAddressIsNewAndFollowsTheDefaultLayout() throws Exception {
    KeyChain kc = KeyChain.fromSeed(seed(), NET);
    Set<Address> seen = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      assertThat(seen.add(kc.freshAddress(KeyChain.Purpose.RECEIVE))).isTrue();
      assertThat(seen.add(kc.freshAddress(KeyChain.Purpose.CHANGE))).isTrue();
    }
    assertThat(kc.issued(KeyChain.Purpose.RECEIVE)).isEqualTo(30);
    ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed(), NET);
    Address expected = Address.p2pkh(master.derive(DerivationPath.parse("m/0'/1/4"))
        .publicKey(), NET);
    assertThat(seen).contains(expected);
    assertThat(kc.find(expected.hash160())).contains(
        new KeyChain.KeyRef(KeyChain.Purpose.CHANGE, 4));
    assertThat(kc.toString()).doesNotContain(master.toBase58());
  }

  @Test
  void restoredChainRecognisesLookaheadAndAdvancesOnUse() throws Exception {
    KeyChain original = KeyChain.fromSeed(seed(), NET);
    Address last = null;
    for (int i = 0; i < 15; i++) {
      last = original.freshAddress(KeyChain.Purpose.RECEIVE);
    }
    KeyChain restored = KeyChain.fromSeed(seed(), NET);
    KeyChain.KeyRef ref = restored.find(last.hash160()).orElseThrow();
    assertThat(ref.index()).isEqualTo(14);
    restored.markUsed(ref);
    assertThat(restored.issued(KeyChain.Purpose.RECEIVE)).isEqualTo(15);
    assertThat(restored.freshAddress(KeyChain.Purpose.RECEIVE))
        .isEqualTo(original.freshAddress(KeyChain.Purpose.RECEIVE));
    Address beyond = null;
    for (int i = 0; i < KeyChain.LOOKAHEAD + 1; i++) {
      beyond = original.freshAddress(KeyChain.Purpose.RECEIVE);
    }
    assertThat(restored.find(beyond.hash160())).isEmpty();
  }
}
