package org.priwatt.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.priwatt.channels.child.ChildHarness;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EntryStatus;
import org.priwatt.energy.trade.SealedFileSessionStore;
import org.priwatt.energy.trade.SessionStore;

/**
 * kill -9 for real, at representative steps: one party runs in a child JVM persisting to a
 * {@link SealedFileSessionStore} in a temporary directory, connected to this JVM (chain, DSO and
 * the other party) over loopback; the harness kills it with SIGKILL right after the chosen save is
 * durable and before the child acts on it, starts it again from the file, and the channel
 * finishes with nothing lost or done twice. Every other step is killed in process by {@link
 * ChannelResumeTest}; these steps are the ones where a lost or repeated action would cost money:
 * the server between saving a payment and releasing its secret, between saving the lock request
 * and sending it, between saving the close and broadcasting it; the client between saving the
 * funding and broadcasting it, between saving a payment and sending it, between saving a secret
 * and claiming its part.
 */
class ChildProcessKillTest extends ChannelFixture {
  private static final int INCREMENTS = 3;

  @TempDir
  Path dir;

  private static byte[] key() {
    byte[] k = new byte[32];
    new java.security.SecureRandom().nextBytes(k);
    return k;
  }

  private static SealedFileSessionStore sealed(Path file, byte[] key) {
    try (SecretBytes k = SecretBytes.copyOf(key)) {
      return SealedFileSessionStore.of(file, k, ScryptParameters.of(1, 1, 1));
    }
  }

  /** Child-local save numbers: 1 lock request saved, 4 payment 1 saved (secret not sent), 7 close saved. */
  @ParameterizedTest(name = "server killed after its save {0} in the child")
  @ValueSource(ints = {1, 4, 7})
  void theServerKilledWithSigkillFinishesTheChannel(int killAt) throws Exception {
    byte[] key = key();
    Path file = dir.resolve("bob.snap");
    Seller s = inject(TEN_KWH);
    ChannelServer setup = ChannelServer.open(world.context(bobNode), POLICY, s.msg(), s.key(), s.issued(), 0,
        bobKeys, sealed(file, key));
    Offer offer = offerAndMatch(setup, TEN_KWH);
    setup.close();
    Wallet wallet = aliceWallet();
    try (ChildHarness child = new ChildHarness(world, world.context(bobNode), POLICY, null, dir)) {
      child.start("server", file, key, killAt);
      ChannelClient alice = client(offer, wallet, SessionStore.inMemory(), INCREMENTS);
      alice.start();
      pump("funding", () -> alice.state() == ChannelClient.State.FUNDING, null, alice);
      world.mine(1);
      pump("open", () -> alice.state() == ChannelClient.State.OPEN, null, alice);
      for (int n = 1; n <= INCREMENTS; n++) {
        int k = n;
        pump("payment " + n, () -> alice.sent() >= k || alice.pay(), null, alice);
        pump("secret " + n, () -> alice.secrets().size() == k, null, alice);
      }
      pump("owned", () -> alice.owned().size() == INCREMENTS, null, alice);
      assertThat(alice.closeChannel()).isTrue();
      ChannelFunding f = alice.funding().orElseThrow();
      pump("close broadcast", () -> world.ledger().spender(f.outPoint()).isPresent(), null, alice);
      world.mine(1);
      pump("closed", () -> alice.state() == ChannelClient.State.CLOSED, null, alice);
      assertThat(child.awaitExit(30)).as("the restarted child finished").isZero();
      assertThat(child.kills()).isEqualTo(1);
      ChannelTerms t = alice.terms().orElseThrow();
      assertThat(paidTo(t.script().server())).isEqualTo(t.serverAmount(INCREMENTS).sat());
      assertThat(alice.owned()).hasSize(INCREMENTS);
    }
  }

  /** Child-local save numbers: 3 funding saved (not broadcast), 5 payment 1 saved (not sent), 6 secret 1 saved (not claimed). */
  @ParameterizedTest(name = "client killed after her save {0} in the child")
  @ValueSource(ints = {3, 5, 6})
  void theClientKilledWithSigkillFinishesTheChannel(int killAt) throws Exception {
    byte[] key = key();
    Path file = dir.resolve("alice.snap");
    ChannelServer bob = server(inject(TEN_KWH), SessionStore.inMemory());
    Offer offer = offerAndMatch(bob, TEN_KWH);
    Wallet wallet = aliceWallet();
    EcKey channelKey = EcKey.generate();
    ChannelClient setup = ChannelClient.open(world.context(aliceNode), POLICY, world.identity(), channelKey, offer,
        INCREMENTS, world.fundingSource(wallet), sealed(file, key));
    setup.close();
    try (ChildHarness child = new ChildHarness(world, world.context(aliceNode), POLICY, world.fundingSource(wallet),
        dir)) {
      child.start("client", file, key, killAt);
      world.await("funding", () -> bob.terms().map(t -> !world.ledger().paymentsTo(t.scriptPubKey()).isEmpty())
          .orElse(false), bob::tick, WAIT);
      world.mine(1);
      ChannelTerms t = bob.terms().orElseThrow();
      world.await("close broadcast", () -> bob.state() == ChannelServer.State.CLOSING, bob::tick, WAIT);
      world.mine(1);
      world.await("child done", () -> child.done() != null, bob::tick, WAIT);
      assertThat(child.awaitExit(30)).as("the restarted child finished").isZero();
      assertThat(child.kills()).isEqualTo(1);
      assertThat(world.ledger().paymentsTo(t.scriptPubKey())).as("one funding, not two").hasSize(1);
      assertThat(paidTo(t.script().server())).isEqualTo(t.serverAmount(INCREMENTS).sat());
      assertThat(bob.parts()).allSatisfy(p -> assertThat(world.registry().entry(p.entryId()).orElseThrow().status())
          .isEqualTo(EntryStatus.TRANSFERRED));
      assertThat(world.registry().entries()).filteredOn(e -> e.owner().equals(channelKey.publicKey()
          .withCompression(true))).hasSize(INCREMENTS);
    }
  }
}
