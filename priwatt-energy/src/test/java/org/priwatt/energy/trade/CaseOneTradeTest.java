package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EnergyEntry;
import org.priwatt.energy.registry.EntryStatus;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.ReceivedBroadcast;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.script.ScriptTemplates;

/**
 * The honest Case 1 scenario on the REGTEST chain: Bob sells injected energy to Alice over the
 * messaging network (everything relayed by the hub, where Eve listens), paid through the escrow,
 * released to Bob when Alice claims the energy.
 */
class CaseOneTradeTest extends TradeFixture {
  @Test
  void bobSellsGeneratedEnergyToAlice() throws Exception {
    List<ReceivedMessage> eveMessages = new CopyOnWriteArrayList<>();
    List<ReceivedBroadcast> eveBroadcasts = new CopyOnWriteArrayList<>();
    world.hub().addIdentity(world.identity());
    AuctionBoard eveBoard = world.auctionBoard(world.hub());
    world.hub().addListener(new MessageListener() {
      @Override
      public void onMessage(ReceivedMessage m) {
        eveMessages.add(m);
      }

      @Override
      public void onBroadcast(ReceivedBroadcast b) {
        eveBroadcasts.add(b);
      }
    });
    Seller bob = inject();
    Offer offer = offerAndMatch(bob);
    assertThat(offer.totalPrice()).isEqualTo(TOTAL);
    assertThat(offer.isAuthentic(world.dsoKey().publicKey())).isTrue();
    Wallet wallet = aliceWallet();
    ConsumerSession alice = buyer(offer, wallet);
    alice.start();
    awaitTicking("payment", () -> alice.state() == ConsumerSession.State.PAID, bob.session(), alice);
    assertThat(world.registry().entry(bob.issued().entryId()).orElseThrow().status()).isEqualTo(EntryStatus.LOCKED);

    world.mine(1);
    awaitTicking("ownership and release", () -> alice.state() == ConsumerSession.State.OWNER
        && bob.session().state() == ProsumerSession.State.SETTLED, bob.session(), alice);
    world.mine(1);

    IssuedSecrets owned = alice.owned().orElseThrow();
    EnergyEntry aliceEntry = world.registry().entry(owned.entryId()).orElseThrow();
    assertThat(aliceEntry.energy()).isEqualTo(FIVE_KWH);
    assertThat(aliceEntry.owner()).isEqualTo(alice.terms().orElseThrow().escrow().buyer());
    assertThat(owned.certificate().verify(world.dsoKey().publicKey())).isTrue();
    assertThat(world.registry().entry(bob.issued().entryId()).orElseThrow().status()).isEqualTo(EntryStatus.TRANSFERRED);
    // Bob was paid by the release the DSO completed with Alice's signature: the price less the fee.
    OutPoint funding = alice.funding().orElseThrow();
    assertThat(world.ledger().spender(funding)).isPresent();
    List<Payment> paid = world.ledger().unspent(ScriptTemplates.p2pkhOf(bob.key().publicKey()), 1);
    assertThat(paid).extracting(p -> p.output().value()).containsExactly(TOTAL.sat() - 1_000);
    // MATCH now drops the paid offer, for Eve too.
    assertThat(eveBoard.match(FIVE_KWH, PRICE_PER_KWH)).isEmpty();

    // Eve relayed everything but decrypted only the public offer broadcast; no secret crossed her node in clear.
    assertThat(eveMessages).isEmpty();
    assertThat(eveBroadcasts).extracting(b -> b.content().subject()).containsOnly(AuctionBoard.SUBJECT);
    String bLambda = Hex.encode(bob.issued().ownership().copyBytes());
    String aLambda = Hex.encode(owned.ownership().copyBytes());
    for (InventoryHash h : world.hub().store().inventory(1, world.now())) {
      String raw = Hex.encode(world.hub().store().get(h).orElseThrow().encoded());
      assertThat(raw).doesNotContain(bLambda).doesNotContain(aLambda);
    }
  }
}
