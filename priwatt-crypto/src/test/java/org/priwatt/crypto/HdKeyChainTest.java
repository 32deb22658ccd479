package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class HdKeyChainTest {
  private static final NetworkParameters NET = NetworkParameters.PRIWATT;
  /** BIP 32 test vector 1 seed. */
  private static final byte[] SEED = Hex.decode("000102030405060708090a0b0c0d0e0f");

  private static SecretBytes seed() {
    return SecretBytes.copyOf(SEED);
  }

  @Test
  void handsOutFreshKeysAtTheDocumentedPath() throws CryptoException {
    HdKeyChain chain = HdKeyChain.fromSeed(seed(), NET);
    ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed(), NET);
    Set<Address> seen = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      assertThat(chain.nextIndex()).isEqualTo(i);
      ExtendedPrivateKey key = chain.nextReceiveKey();
      assertThat(key).isEqualTo(master.derive(DerivationPath.parse("m/0'/0/" + i)));
      assertThat(key.depth()).isEqualTo(3);
      assertThat(seen.add(key.toAddress())).isTrue();
      assertThat(key.toAddress().toBase58()).startsWith("P");
    }
    assertThat(chain.nextIndex()).isEqualTo(5);
    assertThat(chain.toString()).isEqualTo("HdKeyChain{network=priwatt, nextIndex=5}");
  }

  @Test
  void sameSeedRecoversTheSameKeys() throws CryptoException {
    HdKeyChain a = HdKeyChain.fromSeed(seed(), NET);
    List<Address> handedOut = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      handedOut.add(a.nextReceiveAddress());
    }
    HdKeyChain b = HdKeyChain.fromSeed(seed(), NET);
    for (int i = 0; i < 10; i++) {
      assertThat(b.receiveKey(i).toAddress()).isEqualTo(handedOut.get(i));
    }
    HdKeyChain resumed = HdKeyChain.fromSeed(seed(), NET, 10);
    assertThat(resumed.nextReceiveAddress()).isEqualTo(a.nextReceiveAddress());
  }

  @Test
  void restoreScansUpToTheGapLimit() throws CryptoException {
    HdKeyChain original = HdKeyChain.fromSeed(seed(), NET);
    Set<Address> used = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      Address a = original.nextReceiveAddress();
      if (i != 3 && i != 6) { // gaps smaller than the limit are tolerated
        used.add(a);
      }
    }
    HdKeyChain restored = HdKeyChain.restore(seed(), NET, used::contains, 5);
    assertThat(restored.nextIndex()).isEqualTo(8);
    assertThat(HdKeyChain.restore(seed(), NET, a -> false, 5).nextIndex()).isZero();
    assertThatThrownBy(() -> HdKeyChain.restore(seed(), NET, a -> false, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void watchOnlyKeyDerivesTheSameAddresses() throws CryptoException {
    HdKeyChain chain = HdKeyChain.fromSeed(seed(), NET);
    ExtendedPublicKey watch = chain.receiveChainPublicKey();
    assertThat(watch.hasPrivateKey()).isFalse();
    for (int i = 0; i < 5; i++) {
      assertThat(watch.deriveChild(i).toAddress()).isEqualTo(chain.nextReceiveAddress());
    }
  }

  @Test
  void concurrentCallersGetDistinctKeys() throws Exception {
    HdKeyChain chain = HdKeyChain.fromSeed(seed(), NET);
    Set<Address> addresses = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            addresses.add(chain.nextReceiveAddress());
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(addresses).hasSize(40);
    assertThat(chain.nextIndex()).isEqualTo(40);
  }

  @Test
  void exhaustedChainIsTyped() throws CryptoException {
    HdKeyChain chain = HdKeyChain.fromSeed(seed(), NET, Integer.MAX_VALUE);
    ExtendedPrivateKey last = chain.nextReceiveKey();
    assertThat(last.childNumber()).isEqualTo(Integer.MAX_VALUE);
    assertThatThrownBy(chain::nextReceiveKey)
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error()).isEqualTo(CryptoError.INVALID_DERIVATION_PATH));
  }

  @Test
  void rejectsMisuse() throws CryptoException {
    assertThatThrownBy(() -> HdKeyChain.fromSeed(seed(), NET, -1))
        .isInstanceOf(IllegalArgumentException.class);
    HdKeyChain chain = HdKeyChain.fromSeed(seed(), NET);
    assertThatThrownBy(() -> chain.receiveKey(-1)).isInstanceOf(IllegalArgumentException.class);
    chain.destroy();
    assertThat(chain.isDestroyed()).isTrue();
    assertThatThrownBy(chain::nextReceiveKey).isInstanceOf(IllegalStateException.class);
  }
}
