package org.priwatt.energy;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.EcKey;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DSO role on the messaging network (msgAddrD): records metered injections and sends the
 * prosumer bλ and bz by private message (Algorithm 1 line 10), answers registry requests with
 * replies to the requesting address, and mediates disputes by signing a settlement of the escrow
 * with the DSO key (eq. 8) at the share its {@link DisputePolicy} decides. Requests are handled one
 * at a time on the service's own thread. Thread-safe; {@link #close()} stops it.
 */
public final class DsoService implements MessageListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DsoService.class);
  /** TTL of the DSO's messages. */
  public static final long MESSAGE_TTL = 3600;

  private final MessageNode node;
  private final Identity identity;
  private final EcKey escrowKey;
  private final DsoRegistry registry;
  private final DisputePolicy policy;
  private final Amount settlementFee;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "priwatt-dso");
    t.setDaemon(true);
    return t;
  });

  /**
   * Starts the service on {@code node} with messaging identity {@code identity}, the escrow key
   * whose public key the registry was opened with, and the dispute policy.
   *
   * @throws IllegalArgumentException if {@code escrowKey} is not the registry's DSO key
   */
  public DsoService(MessageNode node, Identity identity, EcKey escrowKey, DsoRegistry registry, DisputePolicy policy,
      Amount settlementFee) {
    this.node = Objects.requireNonNull(node);
    this.identity = Objects.requireNonNull(identity);
    this.escrowKey = Objects.requireNonNull(escrowKey);
    this.registry = Objects.requireNonNull(registry);
    this.policy = Objects.requireNonNull(policy);
    this.settlementFee = Objects.requireNonNull(settlementFee);
    if (!escrowKey.publicKey().withCompression(true).equals(registry.dsoKey().withCompression(true))) {
      throw new IllegalArgumentException("escrow key does not match the registry's DSO key");
    }
    node.addIdentity(identity);
    node.addListener(this);
  }

  /** The DSO's public messaging identity. */
  public PublicIdentity publicIdentity() {
    return identity.publicIdentity();
  }

  /**
   * Records a meter reading and sends the issued secrets to {@code prosumer}, whose address must
   * be the injection's.
   *
   * @throws RegistryException if the registry refuses the injection
   * @throws MessageException if the message cannot be sent
   * @throws IllegalArgumentException if {@code prosumer} is not the injection's address
   */
  public IssuedSecrets recordInjection(EnergyInjection injection, PublicIdentity prosumer)
      throws RegistryException, MessageException {
    if (!prosumer.address().equals(injection.msgAddress())) {
      throw new IllegalArgumentException("prosumer identity does not match the injection's address");
    }
    IssuedSecrets s = registry.inject(injection);
    RegistryReply notice = RegistryReply.ok(RequestId.fromBytes(new byte[RequestId.LENGTH]), java.util.List.of(s));
    send(prosumer, notice);
    return s;
  }

  @Override
  public void onMessage(ReceivedMessage m) {
    if (!m.recipient().equals(identity.address())) {
      return;
    }
    TradeMessage.fromContent(m.content()).filter(t -> t.kind() == TradeMessage.Kind.DSO_REQUEST)
        .ifPresent(t -> worker.execute(() -> serve(m.sender(), t)));
  }

  private void serve(PublicIdentity requester, TradeMessage t) {
    RegistryRequest request;
    try {
      request = RegistryRequest.decode(t.body());
    } catch (RegistryException e) {
      LOG.debug("dropped undecodable request: {}", e.error());
      return;
    }
    RegistryReply reply = request.kind() == RegistryRequest.Kind.DISPUTE ? mediate(request) : registry.handle(request);
    LOG.debug("{} -> {}", request, reply);
    try {
      send(requester, reply);
    } catch (MessageException e) {
      LOG.warn("could not reply to {}: {}", requester.address(), e.error());
    }
  }

  private RegistryReply mediate(RegistryRequest request) {
    try {
      DsoRegistry.DisputeOutcome o = registry.resolveDispute(request, policy);
      Transaction settlement = EscrowTransactions.settlement(o.escrow().outPoint(), o.escrow().output().amount(),
          request.redeemScript(), o.buyerShareBasisPoints(), settlementFee);
      Transaction signed = EscrowTransactions.sign(settlement, request.redeemScript(), escrowKey);
      return RegistryReply.decision(request.id(), signed.serialize(), o.buyerShareBasisPoints());
    } catch (RegistryException e) {
      return RegistryReply.refused(request.id(), e.error(), e.getMessage());
    } catch (ChainException e) {
      return RegistryReply.refused(request.id(), RegistryError.BAD_ESCROW, "cannot sign settlement: " + e.getMessage());
    }
  }

  private void send(PublicIdentity to, RegistryReply reply) throws MessageException {
    node.sendMessage(identity, to, new TradeMessage(TradeMessage.Kind.DSO_REPLY, reply.encode()).toContent(), MESSAGE_TTL);
  }

  /** Stops the worker thread (the node and registry stay open). */
  @Override
  public void close() {
    worker.shutdownNow();
  }
}
