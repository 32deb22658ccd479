package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.FundingSource;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.msg.Identity;
import org.priwatt.script.ScriptTemplates;

/**
 * Crash recovery of both sides: the process dies right after the n-th snapshot of one side is
 * durable and before the side acts on it (the worst moment), the session is rebuilt from the
 * store with {@code resume}, and the trade still completes with nothing lost or done twice: Alice
 * owns the energy once, Bob is paid once, Alice paid once.
 */
class SessionResumeTest extends TradeFixture {
  /** Thrown by the store to stop a session dead right after a save, as kill -9 would. */
  static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("killed after the save", null, false, false);
    }
  }

  /** A store that saves, then kills its session on the n-th save. */
  static final class KillingStore implements SessionStore {
    private final SessionStore inner = SessionStore.inMemory();
    private final int killAt;
    private final AtomicInteger saves = new AtomicInteger();
    final AtomicBoolean killed = new AtomicBoolean();

    KillingStore(int killAt) {
      this.killAt = killAt;
    }

    @Override
    public void save(byte[] snapshot) throws EnergyException {
      inner.save(snapshot);
      if (saves.incrementAndGet() == killAt) {
        killed.set(true);
        throw new Killed();
      }
    }

    @Override
    public Optional<byte[]> load() throws EnergyException {
      return inner.load();
    }
  }

  private ProsumerSession bob;
  private ConsumerSession alice;
  private FundingSource aliceFunds;

  @ParameterizedTest(name = "seller killed after save {0}")
  @ValueSource(ints = {2, 3, 4, 5, 6, 7})
  void theSellerResumesAfterBeingKilledAtAnyStep(int killAt) throws Exception {
    run(new KillingStore(killAt), new KillingStore(Integer.MAX_VALUE));
  }

  @ParameterizedTest(name = "buyer killed after save {0}")
  @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
  void theBuyerResumesAfterBeingKilledAtAnyStep(int killAt) throws Exception {
    run(new KillingStore(Integer.MAX_VALUE), new KillingStore(killAt));
  }

  private void run(KillingStore bobStore, KillingStore aliceStore) throws Exception {
    EcKey bobKey = EcKey.generate();
    Identity bobMsg = world.identity();
    bob = ProsumerSession.open(world.context(bobNode), bobMsg, bobKey, bobStore);
    world.dso().recordInjection(new EnergyInjection(bobKey.publicKey(), bobMsg.address(), FIVE_KWH, world.now()),
        bobMsg.publicIdentity());
    var board = world.auctionBoard(aliceNode);
    pump("secrets", () -> bob.state() == ProsumerSession.State.READY, bobStore, aliceStore);
    try {
      bob.offer(world.boardIdentity(), PRICE_PER_KWH, 3600);
    } catch (Killed k) {
      // Killed after saving OFFERED: the resumed seller posts the offer from its outbox.
    }
    pump("offer on the board", () -> !board.match(FIVE_KWH, PRICE_PER_KWH).isEmpty(), bobStore, aliceStore);
    Offer offer = board.match(FIVE_KWH, PRICE_PER_KWH).get(0);
    Wallet wallet = aliceWallet();
    FundingSource funds = world.fundingSource(wallet);
    aliceFunds = funds;
    alice = ConsumerSession.open(world.context(aliceNode), world.identity(), EcKey.generate(), offer, funds, aliceStore);
    try {
      alice.start();
    } catch (Killed k) {
      // Killed after saving REQUESTED: the resumed buyer sends BUY from its outbox.
    }
    pump("paid", () -> alice.state().compareTo(ConsumerSession.State.PAID) >= 0, bobStore, aliceStore);
    world.mine(1);
    pump("sold", () -> alice.state() == ConsumerSession.State.OWNER && bob.state() == ProsumerSession.State.SETTLED,
        bobStore, aliceStore);
    world.mine(1);

    assertThat(bobStore.killed.get() || aliceStore.killed.get()).as("the kill happened").isTrue();
    assertThat(world.ledger().unspent(ScriptTemplates.p2pkhOf(bobKey.publicKey()), 1))
        .extracting(p -> p.output().value()).containsExactly(TOTAL.sat() - 1_000);
    var terms = alice.terms().orElseThrow();
    assertThat(world.ledger().paymentsTo(terms.scriptPubKey())).hasSize(1);
    assertThat(world.registry().entry(alice.owned().orElseThrow().entryId())).isPresent();
  }

  /**
   * Waits for {@code done}, ticking both sides; a side that was killed is closed and resumed
   * from its store (once: the kill happens on one save only).
   */
  private void pump(String what, BooleanSupplier done, KillingStore bobStore, KillingStore aliceStore) {
    world.await(what, done, () -> {
      try {
        resumeIfKilled(bobStore, aliceStore);
        // Alice first: after a block she notes the confirmation (a save of its own) before Bob can
        // react to it with bλ. Bob first raced bλ's delivery against her tick, so her number of
        // saves, and whether a kill at the last one happened at all, depended on the machine's load.
        if (alice != null) {
          alice.tick();
        }
        bob.tick();
      } catch (Killed k) {
        // The next round resumes it.
      } catch (EnergyException e) {
        throw new AssertionError(e);
      }
    }, WAIT);
  }

  private final AtomicBoolean bobResumed = new AtomicBoolean();
  private final AtomicBoolean aliceResumed = new AtomicBoolean();

  private void resumeIfKilled(KillingStore bobStore, KillingStore aliceStore) throws EnergyException {
    if (bobStore.killed.get() && bobResumed.compareAndSet(false, true)) {
      bob.close();
      bob = ProsumerSession.resume(world.context(bobNode), bobStore);
    }
    if (alice != null && aliceStore.killed.get() && aliceResumed.compareAndSet(false, true)) {
      alice.close();
      alice = ConsumerSession.resume(world.context(aliceNode), aliceStore, aliceFunds);
    }
  }
}
