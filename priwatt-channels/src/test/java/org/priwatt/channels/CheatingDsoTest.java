package org.priwatt.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.registry.EntryCertificate;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryMessages;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.energy.trade.DropReason;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.script.ScriptTemplates;

/**
 * Honest client and server against a DSO that deviates: it holds no key of the channel, so alone
 * it moves no channel money; the client checks what it issues her and claims again until she gets
 * her own part; and a DSO that stops answering costs nobody money (the channel closes without it,
 * claims wait for it).
 */
class CheatingDsoTest extends ChannelFixture {
  /** The DSO's identity played by the test after the real service stopped: requests are collected, replies scripted. */
  private final class ScriptedDso implements MessageListener {
    private final List<ReceivedMessage> requests = new CopyOnWriteArrayList<>();

    ScriptedDso() {
      world.dso().close();
      world.dsoNode().addListener(this);
    }

    @Override
    public void onMessage(ReceivedMessage m) {
      if (m.recipient().equals(world.dsoIdentity().address())) {
        requests.add(m);
      }
    }

    <T extends RegistryRequest> List<T> all(Class<T> type) {
      return requests.stream().map(m -> request(m)).flatMap(Optional::stream).filter(type::isInstance).map(type::cast)
          .toList();
    }

    PublicIdentity sender(RegistryRequest r) {
      return requests.stream().filter(m -> request(m).filter(r::equals).isPresent()).findFirst().orElseThrow().sender();
    }

    void reply(RegistryRequest to, RegistryReply reply) throws Exception {
      world.dsoNode().sendMessage(world.dsoIdentity(), sender(to), RegistryMessages.content(reply), 3600);
    }

    /** Answers {@code r} as the real registry would. */
    void answerHonestly(RegistryRequest r) throws Exception {
      reply(r, world.registry().handle(r, (entry, lock, funding, party, evidence) -> 5_000));
    }

    private Optional<RegistryRequest> request(ReceivedMessage m) {
      try {
        return RegistryMessages.request(m.content());
      } catch (EnergyException e) {
        return Optional.empty();
      }
    }
  }

  @Test
  void theDsoAloneCannotMoveChannelMoney() throws Exception {
    Channel c = openChannel(10);
    ChannelTerms t = c.alice().terms().orElseThrow();
    ChannelFunding f = c.alice().funding().orElseThrow();
    EcKey dso = world.dsoKey();
    assertThat(t.script().redeemScript().toHex()).doesNotContain(org.priwatt.crypto.Hex.encode(
        dso.publicKey().compressedEncoding()));
    Transaction all = Transaction.builder().addInput(f.outPoint()).addOutput(Amount.ofSat(99_000),
        ScriptTemplates.p2pkhOf(dso.publicKey())).build();
    byte[] sig = dsoSignature(all, t, dso);
    for (var scriptSig : List.of(t.script().paymentScriptSig(sig, sig), t.script().refundScriptSig(sig))) {
      Transaction stolen = all.toBuilder().setScriptSig(0, scriptSig).build();
      assertThat(world.ledger().broadcast(stolen)).contains(LedgerRejection.SCRIPT_FAILED);
    }
    payIncrements(c, 1);
    assertThat(c.alice().closeChannel()).isTrue();
    pump("closing", () -> c.bob().state() == ChannelServer.State.CLOSING, c.bob(), c.alice());
  }

  private static byte[] dsoSignature(Transaction tx, ChannelTerms t, EcKey key) {
    byte[] der = key.sign(org.priwatt.chain.SignatureHasher.of(tx).legacyHash(0, t.script().redeemScript(), 1))
        .encodeDer();
    byte[] s = java.util.Arrays.copyOf(der, der.length + 1);
    s[der.length] = 1;
    return s;
  }

  @Test
  void aClientChecksWhatTheDsoIssuesHerAndClaimsAgainUntilSheOwnsHerPart() throws Exception {
    Channel c = openChannel(10);
    ScriptedDso dso = new ScriptedDso();
    payIncrements(c, 1);
    world.await("claim", () -> !dso.all(RegistryRequest.ChannelTransfer.class).isEmpty(), () -> {}, WAIT);
    RegistryRequest.ChannelTransfer claim = dso.all(RegistryRequest.ChannelTransfer.class).get(0);
    // A certificate of the part's energy for another owner: she does not take it.
    EnergySecret lambda = EnergySecret.fromBytes(world.random().generateSeed(32));
    IssuedSecrets forged = new IssuedSecrets(lambda, EnergySecret.fromBytes(world.random().generateSeed(32)),
        EntryCertificate.issue(world.dsoKey(), lambda.entryId(), EcKey.generate().publicKey(),
            c.bob().parts().get(0).energy(), world.now()));
    dso.reply(claim, new RegistryReply.Issued(claim.id(), List.of(forged)));
    pump("forgery dropped", () -> c.alice().dropped(DropReason.INVALID) == 1, c.bob(), c.alice());
    assertThat(c.alice().owned()).isEmpty();
    // The DSO stays silent; the channel goes on without it, and she claims again after her timeout.
    payIncrements(c, 1);
    world.advance(61);
    world.await("claims again", () -> dso.all(RegistryRequest.ChannelTransfer.class).size() >= 3,
        () -> c.alice().tick(), WAIT);
    for (RegistryRequest.ChannelTransfer r : dso.all(RegistryRequest.ChannelTransfer.class)) {
      dso.answerHonestly(r);
    }
    pump("both parts owned", () -> c.alice().owned().size() == 2, c.bob(), c.alice());
    assertThat(c.alice().owned()).allSatisfy(s -> assertThat(s.certificate().owner())
        .isEqualTo(c.alice().terms().orElseThrow().script().client()));
    assertThat(c.alice().closeChannel()).isTrue();
    pump("closing", () -> c.bob().state() == ChannelServer.State.CLOSING, c.bob(), c.alice());
    world.mine(1);
    pump("closed", () -> c.alice().state() == ChannelClient.State.CLOSED, c.bob(), c.alice());
    assertThat(paidTo(c.alice().terms().orElseThrow().script().server())).isEqualTo(2 * INCREMENT.sat() - FEE.sat());
  }

  @Test
  void aDsoThatNeverTestifiesCostsTheClientNothing() throws Exception {
    Seller s = inject(TEN_KWH);
    ChannelServer bob = server(s, org.priwatt.energy.trade.SessionStore.inMemory());
    var offer = offerAndMatch(bob, TEN_KWH);
    var wallet = aliceWallet();
    long before = wallet.balance().total().sat();
    ChannelClient alice = client(offer, wallet, org.priwatt.energy.trade.SessionStore.inMemory(), 10);
    ScriptedDso dso = new ScriptedDso();
    alice.start();
    world.await("lock request", () -> !dso.all(RegistryRequest.ChannelLock.class).isEmpty(), bob::tick, WAIT);
    dso.answerHonestly(dso.all(RegistryRequest.ChannelLock.class).get(0));
    world.await("testify request", () -> !dso.all(RegistryRequest.TestifyChannel.class).isEmpty(),
        () -> bob.tick(), WAIT);
    world.advance(61);
    pump("gave up", () -> alice.state() == ChannelClient.State.FAILED, bob, alice);
    assertThat(alice.failure()).contains(ChannelError.NO_ANSWER);
    assertThat(alice.funding()).isEmpty();
    assertThat(wallet.balance().total().sat()).isEqualTo(before);
  }

  @Test
  void aServerWhoseLockReplyIsLostAsksAgainAndGetsTheSameParts() throws Exception {
    Seller s = inject(TEN_KWH);
    ChannelServer bob = server(s, org.priwatt.energy.trade.SessionStore.inMemory());
    var offer = offerAndMatch(bob, TEN_KWH);
    ChannelClient alice = client(offer, aliceWallet(), org.priwatt.energy.trade.SessionStore.inMemory(), 10);
    ScriptedDso dso = new ScriptedDso();
    alice.start();
    world.await("lock request", () -> !dso.all(RegistryRequest.ChannelLock.class).isEmpty(), bob::tick, WAIT);
    // The DSO grants the lock, but its reply is lost on the way.
    RegistryReply granted = world.registry().handle(dso.all(RegistryRequest.ChannelLock.class).get(0),
        (entry, lock, funding, party, evidence) -> 5_000);
    assertThat(granted).isInstanceOf(RegistryReply.Issued.class);
    assertThat(bob.state()).isEqualTo(ChannelServer.State.LOCKING);
    world.advance(61);
    world.await("the lock asked again", () -> dso.all(RegistryRequest.ChannelLock.class).size() == 2, bob::tick, WAIT);
    RegistryRequest.ChannelLock again = dso.all(RegistryRequest.ChannelLock.class).get(1);
    dso.answerHonestly(again);
    pump("accepted", () -> bob.state() == ChannelServer.State.ACCEPTED, bob, null);
    assertThat(bob.parts()).extracting(IssuedSecrets::entryId).containsExactlyElementsOf(
        ((RegistryReply.Issued) granted).secrets().stream().map(IssuedSecrets::entryId).toList());
  }
}
