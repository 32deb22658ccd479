package org.priwatt.energy.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.priwatt.energy.EnergyException;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DSO role on the messaging network (msgAddrD): records metered injections and sends the
 * prosumer the entry's secrets and certificate by private message (Algorithm 1 line 10), answers
 * registry requests with replies to the requesting address, and mediates disputes with its
 * {@link DisputePolicy}.
 *
 * <p>Requests are decided one at a time on the service's own worker thread, which never does
 * proof of work: each reply is handed to the node's proof-of-work executor ({@link
 * MessageNode#sendMessageAsync}), which refuses recipients demanding more than the node's
 * ceiling and shares its threads fairly, so a requester demanding expensive proof of work delays
 * nobody's reply but its own. Hostile requests are dropped with a counted reason. Thread-safe;
 * {@link #close()} stops it.
 */
public final class DsoService implements MessageListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DsoService.class);
  /** TTL of the DSO's messages. */
  public static final long MESSAGE_TTL = 3600;

  private final MessageNode node;
  private final Identity identity;
  private final DsoRegistry registry;
  private final DisputePolicy policy;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "priwatt-dso");
    t.setDaemon(true);
    return t;
  });

  private DsoService(MessageNode node, Identity identity, DsoRegistry registry, DisputePolicy policy) {
    this.node = Objects.requireNonNull(node, "node");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Starts the service on {@code node} with messaging identity {@code identity}, answering for
   * {@code registry} and deciding disputes with {@code policy}.
   */
  public static DsoService start(MessageNode node, Identity identity, DsoRegistry registry, DisputePolicy policy) {
    DsoService s = new DsoService(node, identity, registry, policy);
    node.addIdentity(identity);
    node.addListener(s);
    return s;
  }

  /** The DSO's public messaging identity. */
  public PublicIdentity publicIdentity() {
    return identity.publicIdentity();
  }

  /** The registry this service answers for. */
  public DsoRegistry registry() {
    return registry;
  }

  /** Requests dropped because they did not decode, and replies that could not be sent. */
  public long dropped() {
    return dropped.get();
  }

  /** Requests answered. */
  public long answered() {
    return answered.get();
  }

  /**
   * Records a meter reading and sends the issued secrets to {@code prosumer}, whose address must
   * be the injection's. The notice is sent asynchronously; a prosumer who misses it asks again
   * by renewing.
   *
   * @throws EnergyException if the registry refuses the injection
   * @throws IllegalArgumentException if {@code prosumer} is not the injection's address
   */
  public IssuedSecrets recordInjection(EnergyInjection injection, PublicIdentity prosumer) throws EnergyException {
    if (!prosumer.address().equals(injection.msgAddress())) {
      throw new IllegalArgumentException("prosumer identity does not match the injection's address");
    }
    IssuedSecrets s = registry.inject(injection);
    send(prosumer, new RegistryReply.Issued(RegistryReply.NOTICE, List.of(s)));
    return s;
  }

  @Override
  public void onMessage(ReceivedMessage m) {
    if (!m.recipient().equals(identity.address())) {
      return;
    }
    Optional<RegistryRequest> request;
    try {
      request = RegistryMessages.request(m.content());
    } catch (EnergyException e) {
      dropped.incrementAndGet();
      LOG.debug("dropped an undecodable request from {}: {}", m.sender().address(), e.failure());
      return;
    }
    request.ifPresent(r -> worker.execute(() -> serve(m.sender(), r)));
  }

  private void serve(PublicIdentity requester, RegistryRequest request) {
    RegistryReply reply = registry.handle(request, policy);
    LOG.debug("{} -> {}", request, reply);
    answered.incrementAndGet();
    send(requester, reply);
  }

  private void send(PublicIdentity to, RegistryReply reply) {
    node.sendMessageAsync(identity, to, RegistryMessages.content(reply), MESSAGE_TTL).whenComplete((sent, e) -> {
      if (e != null) {
        dropped.incrementAndGet();
        LOG.info("reply to {} not sent: {}", to.address(), e.getMessage());
      }
    });
  }

  /** Stops the worker thread (the node and registry stay open). */
  @Override
  public void close() {
    worker.shutdownNow();
    node.removeListener(this);
  }
}
