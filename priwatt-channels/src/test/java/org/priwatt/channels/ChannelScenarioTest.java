package org.priwatt.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EnergyEntry;
import org.priwatt.energy.registry.EntryStatus;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryEvent;
import org.priwatt.energy.trade.SessionStore;

/**
 * Case 2 end to end on the REGTEST chain and message network, with honest parties: the full
 * ten-increment purchase with a cooperative close, a client who stops after four increments, and
 * a server who disappears; and the close paying the channel key the server's caller supplied (its
 * wallet's, so the wallet sees the earnings).
 */
class ChannelScenarioTest extends ChannelFixture {
  @Test
  void aTenIncrementPurchaseAndCooperativeClose() throws Exception {
    Channel c = openChannel(10);
    ChannelTerms terms = c.alice().terms().orElseThrow();
    assertThat(terms.incrementPrice()).isEqualTo(INCREMENT);
    assertThat(terms.capacity().sat()).isEqualTo(100_000);
    assertThat(c.bob().terms()).contains(terms);

    payIncrements(c, 10);
    pump("every part claimed", () -> c.alice().owned().size() == 10, c.bob(), c.alice());
    ChannelView v = c.alice().view();
    assertThat(v.incrementsDone()).isEqualTo(10);
    assertThat(v.incrementsLeft()).isZero();
    assertThat(v.spent()).isEqualTo(terms.capacity());
    assertThat(v.serverIfClosedNow().sat()).isEqualTo(100_000 - 1_000);

    assertThat(c.alice().closeChannel()).isTrue();
    pump("close broadcast", () -> c.bob().state() == ChannelServer.State.CLOSING, c.bob(), c.alice());
    world.mine(1);
    pump("closed", () -> c.alice().state() == ChannelClient.State.CLOSED
        && c.bob().state() == ChannelServer.State.CLOSED, c.bob(), c.alice());

    // Bob received n·P minus the agreed fee; Alice's rest (nothing: she bought every increment).
    assertThat(paidTo(terms.script().server())).isEqualTo(10 * INCREMENT.sat() - FEE.sat());
    assertThat(paidTo(terms.script().client())).isZero();
    // Alice holds all ten secrets, each the part's, and owns each part at the DSO.
    List<IssuedSecrets> parts = c.bob().parts();
    assertThat(c.alice().secrets()).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(c.alice().secrets().get(i).entryId()).isEqualTo(parts.get(i).entryId());
      IssuedSecrets mine = c.alice().owned().get(i);
      EnergyEntry e = world.registry().entry(mine.entryId()).orElseThrow();
      assertThat(e.owner()).isEqualTo(terms.script().client());
      assertThat(e.energy()).isEqualTo(EnergyAmount.ofKilowattHours(1));
      assertThat(e.parent()).contains(parts.get(i).entryId());
    }
    // The registry shows the split and the ten transfers.
    assertThat(world.registry().entry(c.seller().issued().entryId()).orElseThrow().status())
        .isEqualTo(EntryStatus.SPLIT);
    assertThat(world.registry().events()).filteredOn(RegistryEvent.ChannelLocked.class::isInstance).hasSize(1);
    assertThat(world.registry().events()).filteredOn(RegistryEvent.ChannelTransferred.class::isInstance).hasSize(10);
    assertThat(parts).allSatisfy(p -> assertThat(world.registry().entry(p.entryId()).orElseThrow().status())
        .isEqualTo(EntryStatus.TRANSFERRED));
  }

  @Test
  void aliceStopsAfterFourIncrementsAndBobClosesWithTheFourthPayment() throws Exception {
    Channel c = openChannel(10);
    ChannelTerms terms = c.alice().terms().orElseThrow();
    payIncrements(c, 4);
    // Alice goes silent. Bob closes with what he holds; at the latest the safety margin makes him.
    c.alice().close();
    long margin = terms.refundHeight() - POLICY.safetyMarginBlocks();
    assertThat(c.bob().view().nearDeadline()).isFalse();
    mineTo(margin - POLICY.warningBlocks() - 1);
    assertThat(c.bob().view().nearDeadline()).isFalse();
    world.mine(1);
    c.bob().tick();
    assertThat(c.bob().view().nearDeadline()).as("warned before the margin").isTrue();
    assertThat(c.bob().state()).isEqualTo(ChannelServer.State.OPEN);
    ChannelView v = c.bob().view();
    assertThat(v.incrementsDone()).isEqualTo(4);
    assertThat(v.remaining()).isEqualTo(Amount.ofSat(60_000));
    assertThat(v.serverIfClosedNow()).isEqualTo(Amount.ofSat(39_000));
    assertThat(v.clientIfClosedNow()).isEqualTo(Amount.ofSat(60_000));
    assertThat(v.blocksUntilRefund()).isEqualTo(POLICY.safetyMarginBlocks() + POLICY.warningBlocks());
    mineTo(margin);
    pump("closing at the margin", () -> c.bob().state() == ChannelServer.State.CLOSING, c.bob(), null);
    world.mine(1);
    pump("closed", () -> c.bob().state() == ChannelServer.State.CLOSED, c.bob(), null);
    assertThat(paidTo(terms.script().server())).isEqualTo(4 * INCREMENT.sat() - FEE.sat());
    assertThat(paidTo(terms.script().client())).isEqualTo(terms.capacity().sat() - 4 * INCREMENT.sat());
  }

  @Test
  void theCloseCarriesTheKeyTheCallerGaveTheServer() throws Exception {
    Channel c = openChannel(10);
    ChannelTerms terms = c.bob().terms().orElseThrow();
    // The server's key in the script is the one its caller supplied, asked once for the channel.
    assertThat(serverKeys).hasSize(1);
    assertThat(terms.script().server()).isEqualTo(serverKeys.get(0).publicKey().withCompression(true));
    payIncrements(c, 4);
    assertThat(c.alice().closeChannel()).isTrue();
    pump("close broadcast", () -> c.bob().state() == ChannelServer.State.CLOSING, c.bob(), c.alice());
    world.mine(1);
    pump("closed", () -> c.bob().state() == ChannelServer.State.CLOSED, c.bob(), c.alice());
    assertThat(paidTo(serverKeys.get(0).publicKey())).isEqualTo(4 * INCREMENT.sat() - FEE.sat());
  }

  @Test
  void aServerGivenWalletKeysIsPaidIntoThatWallet() throws Exception {
    Wallet bobWallet = world.wallet();
    bobKeys = walletKeys(bobWallet);
    Channel c = openChannel(10);
    payIncrements(c, 4);
    assertThat(c.alice().closeChannel()).isTrue();
    pump("close broadcast", () -> c.bob().state() == ChannelServer.State.CLOSING, c.bob(), c.alice());
    world.mine(1);
    pump("closed", () -> c.bob().state() == ChannelServer.State.CLOSED, c.bob(), c.alice());
    // The wallet sees the close's output as its own and can spend it.
    assertThat(bobWallet.balance().confirmed().sat()).isEqualTo(4 * INCREMENT.sat() - FEE.sat());
    assertThat(bobWallet.spendableCoins()).hasSize(1);
  }

  @Test
  void aKeySourceThatFailsRefusesTheOpenAndKeepsTheOffer() throws Exception {
    bobKeys = () -> {
      throw new ChannelException(ChannelError.CHAIN, "no wallet key");
    };
    ChannelServer bob = server(inject(TEN_KWH), SessionStore.inMemory());
    Offer offer = offerAndMatch(bob, TEN_KWH);
    ChannelClient alice = client(offer, aliceWallet(), SessionStore.inMemory(), 10);
    alice.start();
    pump("the OPEN refused", () -> bob.refused(ChannelError.CHAIN) >= 1, bob, alice);
    assertThat(bob.state()).isEqualTo(ChannelServer.State.OFFERED);
    assertThat(bob.lastRefusal()).contains(ChannelError.CHAIN);
    assertThat(bob.terms()).isEmpty();
  }

  @Test
  void bobDisappearsAndAlicesRefundIsRefusedOneBlockBeforeTheDeadlineAndAcceptedAtIt() throws Exception {
    Channel c = openChannel(10);
    ChannelTerms terms = c.alice().terms().orElseThrow();
    payIncrements(c, 2);
    c.bob().close();
    long d = terms.refundHeight();
    mineTo(d - 1);
    assertThat(c.alice().view().blocksUntilRefund()).isEqualTo(1);
    assertThat(world.ledger().broadcast(c.alice().refundTransaction())).as("tip at D - 1")
        .contains(org.priwatt.energy.ledger.LedgerRejection.POLICY);
    // The mempool's reason: Core's IsFinalTx for the next block (nLockTime D is not below D).
    assertThat(world.pool().accept(c.alice().refundTransaction()).reason())
        .contains(org.priwatt.chain.mempool.MempoolRejectReason.NON_FINAL);
    // The script's own lock: a refund dated D - 1 (final now) fails OP_CHECKLOCKTIMEVERIFY under the
    // consensus flags of the next block, which include BIP 65 from REGTEST height 1.
    assertThat(world.chain().params().scriptFlagsAt(world.ledger().height() + 1))
        .contains(org.priwatt.script.VerifyFlag.CHECKLOCKTIMEVERIFY);
    ChannelFunding f = c.alice().funding().orElseThrow();
    org.priwatt.chain.Transaction early = ChannelTransactions.refund(terms, f).toBuilder().lockTime(d - 2).build();
    org.priwatt.chain.Transaction earlySigned = early.toBuilder().setScriptSig(0, terms.script().refundScriptSig(
        ChannelTransactions.signature(early, terms, aliceKey(c)))).build();
    assertThat(world.pool().accept(earlySigned).reason())
        .contains(org.priwatt.chain.mempool.MempoolRejectReason.MANDATORY_SCRIPT_VERIFY_FLAG_FAILED);
    c.alice().tick();
    assertThat(c.alice().state()).isEqualTo(ChannelClient.State.OPEN);
    world.mine(1);
    assertThat(world.ledger().height()).isEqualTo(d);
    pump("refund", () -> c.alice().state() == ChannelClient.State.REFUNDING, null, c.alice());
    world.mine(1);
    pump("refunded", () -> c.alice().state() == ChannelClient.State.REFUNDED, null, c.alice());
    assertThat(paidTo(terms.script().client())).isEqualTo(terms.capacity().sat() - FEE.sat());
    assertThat(paidTo(terms.script().server())).isZero();
  }
}
