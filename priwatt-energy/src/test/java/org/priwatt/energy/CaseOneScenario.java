package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.ReceivedBroadcast;
import org.priwatt.msg.ReceivedMessage;

/**
 * The Case 1 acceptance scenario, written once: Bob sells injected energy to Alice over the
 * in-process messaging network (Bob - Eve - Alice, DSO behind Eve, who runs the hub node and
 * reads the public board), on the ledger the subclass picks.
 */
abstract class CaseOneScenario extends TradeWorld {
  final List<ReceivedMessage> eveMessages = new CopyOnWriteArrayList<>();
  final List<ReceivedBroadcast> eveBroadcasts = new CopyOnWriteArrayList<>();
  MessageNode eveNode;

  @BeforeEach
  void setUpEve() throws Exception {
    eveNode = hubNode;
    eveNode.addIdentity(identity());
    AuctionBoard.attach(eveNode, board, ledger, this::now);
    eveNode.addListener(new MessageListener() {
      @Override
      public void onMessage(ReceivedMessage m) {
        eveMessages.add(m);
      }

      @Override
      public void onBroadcast(ReceivedBroadcast b) {
        eveBroadcasts.add(b);
      }
    });
  }

  /** Bob's energy injected, secrets received, offer posted and seen on Alice's board. */
  record Setup(ProsumerSession bob, EcKey bobTx, IssuedSecrets issued, Offer offer, AuctionBoard aliceBoard) {}

  Setup injectAndOffer() throws Exception {
    EcKey bobTx = EcKey.generate();
    Identity bobMsg = identity();
    ProsumerSession bob = new ProsumerSession(ctx(bobNode), bobMsg, bobTx);
    IssuedSecrets issued = dso.recordInjection(
        new EnergyInjection(bobTx.publicKey(), bobMsg.address(), EnergyAmount.ofWattHours(5_000), now()), bobMsg.publicIdentity());
    await("secrets", () -> bob.state() == ProsumerSession.State.READY, () -> {});
    AuctionBoard aliceBoard = AuctionBoard.attach(aliceNode, board, ledger, this::now);
    bob.offer(board, 10_000, 3600);
    await("offer on the board", () -> !aliceBoard.match(EnergyAmount.ofWattHours(1_000), 20_000).isEmpty(), () -> {});
    Offer offer = aliceBoard.match(EnergyAmount.ofWattHours(1_000), 20_000).get(0);
    return new Setup(bob, bobTx, issued, offer, aliceBoard);
  }

  @Test
  void bobSellsGeneratedEnergyToAlice() throws Exception {
    Setup s = injectAndOffer();
    assertThat(s.aliceBoard().match(EnergyAmount.ofWattHours(1_000), 5_000)).as("price filter").isEmpty();
    assertThat(s.offer().totalPrice()).isEqualTo(Amount.ofSat(50_000));
    EcKey aliceTx = EcKey.generate();
    Payment coin = fund(EscrowScripts.p2pkh(aliceTx.publicKey()), Amount.ofSat(200_000));
    ConsumerSession alice = new ConsumerSession(ctx(aliceNode), identity(), aliceTx, s.offer());
    alice.start();
    await("payment", () -> alice.state() == ConsumerSession.State.PAID, () -> {});

    // Bob cannot sell the same energy twice: the lock refuses a second escrow.
    EcKey carol = EcKey.generate();
    RegistryReply second = registry.handle(RegistryRequest.lock(s.issued().lock(), s.issued().entryId(), 1, now(),
        new EscrowLock(EscrowScripts.redeemScript(dsoKey.publicKey(), s.bobTx().publicKey(), carol.publicKey()), Amount.ofSat(50_000)), RANDOM));
    assertThat(second.error()).contains(RegistryError.LOCKED);
    // Alice cannot double-spend the coin she paid with.
    Transaction again = EscrowTransactions.funding(List.of(coin), aliceTx, EscrowScripts.redeemScript(dsoKey.publicKey(),
        s.bobTx().publicKey(), carol.publicKey()), s.issued().entryId(), Amount.ofSat(50_000), FEE);
    assertThat(ledger.broadcast(again)).contains(LedgerRejection.DOUBLE_SPEND);

    mineBlock();
    await("ownership and release", () -> alice.state() == ConsumerSession.State.OWNER
        && s.bob().state() == ProsumerSession.State.SETTLED, () -> {
          try {
            s.bob().tick();
            alice.tick();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    mineBlock();

    IssuedSecrets owned = alice.owned().orElseThrow();
    EnergyEntry aliceEntry = registry.entry(owned.entryId()).orElseThrow();
    assertThat(aliceEntry.owner()).isEqualTo(aliceTx.publicKey());
    assertThat(aliceEntry.energy()).isEqualTo(EnergyAmount.ofWattHours(5_000));
    assertThat(registry.entry(s.issued().entryId()).orElseThrow().status()).isEqualTo(EntryStatus.TRANSFERRED);
    assertThat(ledger.unspent(EscrowScripts.p2pkh(s.bobTx().publicKey()), 1))
        .extracting(p -> p.output().value()).containsExactly(50_000L - FEE.sat());
    // MATCH now drops the paid offer.
    assertThat(s.aliceBoard().match(EnergyAmount.ofWattHours(1_000), 20_000)).isEmpty();

    // Eve relayed everything but decrypted only the public offer broadcast.
    assertThat(eveMessages).isEmpty();
    assertThat(eveBroadcasts).extracting(b -> b.content().subject()).containsOnly(AuctionBoard.SUBJECT);
    String bLambda = Hex.encode(s.issued().ownership().copyBytes());
    String aLambda = Hex.encode(owned.ownership().copyBytes());
    for (InventoryHash h : eveNode.store().inventory(1, System.currentTimeMillis() / 1000)) {
      String raw = Hex.encode(eveNode.store().get(h).orElseThrow().encoded());
      assertThat(raw).doesNotContain(bLambda).doesNotContain(aLambda);
    }
  }

  @Test
  void disputeSplitsTheEscrowWhenTheSecretNeverArrives() throws Exception {
    Setup s = injectAndOffer();
    EcKey aliceTx = EcKey.generate();
    fund(EscrowScripts.p2pkh(aliceTx.publicKey()), Amount.ofSat(200_000));
    ConsumerSession alice = new ConsumerSession(ctx(aliceNode), identity(), aliceTx, s.offer());
    alice.start();
    await("payment", () -> alice.state() == ConsumerSession.State.PAID, () -> {});
    mineBlock();
    alice.tick(); // starts the timeout; Bob never ticks, so bλ never comes
    offset.addAndGet(61);
    alice.tick();
    assertThat(alice.state()).isIn(ConsumerSession.State.DISPUTING, ConsumerSession.State.SETTLED);
    await("settlement", () -> alice.state() == ConsumerSession.State.SETTLED, () -> {});
    mineBlock();
    long net = 50_000 - FEE.sat();
    assertThat(ledger.unspent(EscrowScripts.p2pkh(aliceTx.publicKey()), 1))
        .extracting(p -> p.output().value()).contains(net / 2);
    assertThat(ledger.unspent(EscrowScripts.p2pkh(s.bobTx().publicKey()), 1))
        .extracting(p -> p.output().value()).containsExactly(net - net / 2);
    assertThat(registry.entry(s.issued().entryId()).orElseThrow().status()).isEqualTo(EntryStatus.FROZEN);
    assertThat(registry.events()).last().isInstanceOf(RegistryEvent.DisputeResolved.class);
  }
}
