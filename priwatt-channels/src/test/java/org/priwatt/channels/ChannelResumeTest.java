package org.priwatt.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.energy.ledger.FundingSource;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EntryStatus;

/**
 * Crash recovery of both sides at every step, in process: the side dies right after its n-th
 * snapshot is durable and before it acts on it (the worst moment; {@link KillingStore}), is
 * rebuilt from its store with {@code resume}, and the channel still finishes with nothing lost or
 * done twice: three increments paid once each (of 33,334 sat: 10 kWh in three), Alice owns the three parts,
 * Bob is paid exactly three increments less the fee, one funding output. The child-JVM tests kill a real process
 * with SIGKILL at representative steps ({@code ChildProcessKillTest}).
 */
class ChannelResumeTest extends ChannelFixture {
  private static final int INCREMENTS = 3;

  private final AtomicReference<ChannelServer> bob = new AtomicReference<>();
  private final AtomicReference<ChannelClient> alice = new AtomicReference<>();
  private FundingSource funds;

  @ParameterizedTest(name = "server killed after save {0}")
  @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 10})
  void theServerFinishesTheChannelAfterBeingKilledAtAnyStep(int killAt) throws Exception {
    KillingStore bobStore = new KillingStore(killAt);
    run(bobStore, new KillingStore(Integer.MAX_VALUE));
    assertThat(bobStore.killed).as("the kill happened").isTrue();
  }

  @ParameterizedTest(name = "client killed after save {0}")
  @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void theClientFinishesTheChannelAfterBeingKilledAtAnyStep(int killAt) throws Exception {
    KillingStore aliceStore = new KillingStore(killAt);
    run(new KillingStore(Integer.MAX_VALUE), aliceStore);
    assertThat(aliceStore.killed).as("the kill happened").isTrue();
  }

  private void run(KillingStore bobStore, KillingStore aliceStore) throws Exception {
    Seller s = inject(TEN_KWH);
    bob.set(server(s, bobStore));
    Offer offer;
    try {
      offer = offerAndMatch(bob.get(), TEN_KWH);
    } catch (KillingStore.Killed k) {
      // Killed after saving OFFERED: the resumed server posts the offer from its outbox.
      var board = world.auctionBoard(aliceNode);
      step("offer", () -> !board.match(TEN_KWH, PRICE_PER_KWH).isEmpty(), bobStore, aliceStore);
      offer = board.match(TEN_KWH, PRICE_PER_KWH).get(0);
    }
    Wallet wallet = aliceWallet();
    funds = world.fundingSource(wallet);
    alice.set(client(offer, wallet, aliceStore, INCREMENTS));
    attempt(() -> alice.get().start());
    step("funding", () -> alice.get().state().compareTo(ChannelClient.State.FUNDING) >= 0, bobStore, aliceStore);
    world.mine(1);
    step("open", () -> alice.get().state() == ChannelClient.State.OPEN && bob.get().state() == ChannelServer.State.OPEN,
        bobStore, aliceStore);
    for (int n = 1; n <= INCREMENTS; n++) {
      int k = n;
      step("payment " + n + " sent", () -> alice.get().sent() >= k || attempt(() -> alice.get().pay()), bobStore,
          aliceStore);
      step("secret " + n, () -> alice.get().secrets().size() >= k, bobStore, aliceStore);
    }
    step("parts owned", () -> alice.get().owned().size() == INCREMENTS, bobStore, aliceStore);
    step("close asked", () -> alice.get().state() == ChannelClient.State.CLOSING
        || attempt(() -> alice.get().closeChannel()), bobStore, aliceStore);
    step("close broadcast", () -> bob.get().state() == ChannelServer.State.CLOSING, bobStore, aliceStore);
    assertThat(world.ledger().spender(alice.get().funding().orElseThrow().outPoint())).isPresent();
    world.mine(1);
    step("closed", () -> bob.get().state() == ChannelServer.State.CLOSED
        && alice.get().state() == ChannelClient.State.CLOSED, bobStore, aliceStore);

    ChannelTerms t = alice.get().terms().orElseThrow();
    assertThat(bob.get().increments()).isEqualTo(INCREMENTS);
    assertThat(paidTo(t.script().server())).isEqualTo(t.serverAmount(INCREMENTS).sat());
    assertThat(t.serverAmount(INCREMENTS).sat()).isEqualTo(3 * 33_334 - FEE.sat());
    assertThat(world.ledger().paymentsTo(t.scriptPubKey())).as("one funding").hasSize(1);
    assertThat(alice.get().owned()).hasSize(INCREMENTS);
    assertThat(bob.get().parts()).allSatisfy(p -> assertThat(world.registry().entry(p.entryId()).orElseThrow()
        .status()).isEqualTo(EntryStatus.TRANSFERRED));
  }

  /** Runs an API call that may die in the store; true if it ran through. */
  private static boolean attempt(java.util.function.BooleanSupplier call) {
    try {
      return call.getAsBoolean();
    } catch (KillingStore.Killed k) {
      return false;
    }
  }

  private static boolean attempt(Runnable call) {
    return attempt(() -> {
      call.run();
      return true;
    });
  }

  /** Waits for {@code done}, ticking both sides; a side that was killed is closed and resumed from its store. */
  private void step(String what, BooleanSupplier done, KillingStore bobStore, KillingStore aliceStore) {
    try {
      await(what, done, bobStore, aliceStore);
    } catch (IllegalStateException e) {
      throw new AssertionError(e.getMessage() + ": " + bob.get() + " (" + bobStore.saves() + " saves), " + alice.get()
          + " (" + aliceStore.saves() + " saves)", e);
    }
  }

  private void await(String what, BooleanSupplier done, KillingStore bobStore, KillingStore aliceStore) {
    world.await(what, () -> {
      try {
        return done.getAsBoolean();
      } catch (KillingStore.Killed k) {
        return false;
      }
    }, () -> {
      try {
        resumeIfKilled(bobStore, aliceStore);
        bob.get().tick();
        if (alice.get() != null) {
          alice.get().tick();
        }
      } catch (KillingStore.Killed k) {
        // The next round resumes it.
      } catch (ChannelException e) {
        throw new AssertionError(e);
      }
    }, WAIT);
  }

  private void resumeIfKilled(KillingStore bobStore, KillingStore aliceStore) throws ChannelException {
    if (bobStore.killed.get() && !revived(bobStore)) {
      bob.get().close();
      bobStore.revive();
      bob.set(world.own(ChannelServer.resume(world.context(bobNode), POLICY, bobStore, bobKeys)));
    }
    if (alice.get() != null && aliceStore.killed.get() && !revived(aliceStore)) {
      alice.get().close();
      aliceStore.revive();
      alice.set(world.own(ChannelClient.resume(world.context(aliceNode), POLICY, aliceStore, funds)));
    }
  }

  private final java.util.Set<KillingStore> revivedStores = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private boolean revived(KillingStore s) {
    return !revivedStores.add(s);
  }
}
