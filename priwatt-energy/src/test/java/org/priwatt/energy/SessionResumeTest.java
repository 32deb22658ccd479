package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageNode;

/**
 * Crash and resume of both trade sessions at every state: a session is killed (its process
 * "dies": closed and dropped) either right after it saved a state, before acting on it, or when
 * it is about to save the next one, so the message that moved it on is lost with it. A new
 * session is then built from the sealed snapshot file and the trade must still finish: Alice owns
 * the energy, Bob is paid, and nothing was paid twice.
 */
class SessionResumeTest extends TradeWorld {
  static final ScryptParameters FAST = ScryptParameters.of(4, 8, 1);

  /** Where the crash happens relative to the save of the named state. */
  enum When {
    /** Right after the state was saved: none of its actions were performed. */
    AFTER_SAVE,
    /** At the first save after the state: its actions were performed, the next event is lost. */
    BEFORE_NEXT_SAVE
  }

  /** Thrown by the crashing store: stands for the process dying. */
  static final class Crash extends RuntimeException {
    Crash() {
      super("simulated crash");
    }
  }

  final SecretBytes storeKey = SecretBytes.random(32, RANDOM);

  SealedFileSessionStore store(String name) {
    return SealedFileSessionStore.of(dir.resolve(name + ".session"), storeKey, FAST);
  }

  /**
   * A store that crashes its session at one point: it closes the session (under the session's
   * monitor, so nothing else runs in it) and throws {@link Crash}.
   */
  static final class CrashingStore implements SessionStore {
    final SessionStore delegate;
    final When when;
    final Supplier<Enum<?>> stateOf;
    final Enum<?> target;
    final AtomicReference<AutoCloseable> session = new AtomicReference<>();
    final List<byte[]> saved = new ArrayList<>();
    Enum<?> lastSaved;
    boolean crashed;

    CrashingStore(SessionStore delegate, When when, Enum<?> target, Enum<?> initial, Supplier<Enum<?>> stateOf) {
      this.delegate = delegate;
      this.lastSaved = initial;
      this.when = when;
      this.target = target;
      this.stateOf = stateOf;
    }

    @Override
    public void save(byte[] snapshot) throws RegistryException {
      AutoCloseable s = session.get();
      Enum<?> state = s == null ? lastSaved : stateOf.get();
      if (!crashed && s != null && when == When.BEFORE_NEXT_SAVE && lastSaved == target) {
        crash(s);
      }
      delegate.save(snapshot);
      saved.add(snapshot.clone());
      lastSaved = state;
      if (!crashed && s != null && when == When.AFTER_SAVE && state == target) {
        crash(s);
      }
    }

    private void crash(AutoCloseable s) {
      crashed = true;
      try {
        s.close();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      throw new Crash();
    }

    @Override
    public java.util.Optional<byte[]> load() throws RegistryException {
      return delegate.load();
    }
  }

  /** Drives one trade to the end, resuming whichever party crashed. */
  final class Trade {
    final EcKey bobTx = EcKey.generate();
    final Identity bobMsg = identity();
    final EcKey aliceTx = EcKey.generate();
    final SealedFileSessionStore bobFile = store("bob");
    final SealedFileSessionStore aliceFile = store("alice");
    final List<String> resumed = new ArrayList<>();
    final CrashingStore bobStore;
    final CrashingStore aliceStore;
    volatile ProsumerSession bob;
    volatile ConsumerSession alice;
    AuctionBoard aliceBoard;
    IssuedSecrets issued;

    boolean fundAlice = true;
    boolean bobTicks = true;

    Trade(String party, When when, Enum<?> state) {
      bobStore = new CrashingStore(bobFile, party.equals("bob") ? when : null, state,
          ProsumerSession.State.AWAITING_SECRETS, () -> bob.state());
      aliceStore = new CrashingStore(aliceFile, party.equals("alice") ? when : null, state,
          ConsumerSession.State.NEW, () -> alice.state());
    }

    void run() throws Exception {
      // A crashed session's last in-memory state does not count: only a resumed one finishes.
      runUntil("trade settled", () -> alice != null && alice.state() == ConsumerSession.State.OWNER
          && bob.state() == ProsumerSession.State.SETTLED
          && bobStore.crashed == resumed.contains("bob") && aliceStore.crashed == resumed.contains("alice"));
    }

    void runUntil(String what, BooleanSupplier goal) throws Exception {
      if (fundAlice) {
        fund(EscrowScripts.p2pkh(aliceTx.publicKey()), Amount.ofSat(200_000));
      }
      bob = ProsumerSession.open(ctx(bobNode), bobMsg, bobTx, bobStore);
      bobStore.session.set(bob);
      issued = dso.recordInjection(new EnergyInjection(bobTx.publicKey(), bobMsg.address(),
          EnergyAmount.ofWattHours(5_000), now()), bobMsg.publicIdentity());
      aliceBoard = AuctionBoard.attach(aliceNode, board, ledger, SessionResumeTest.this::now);
      await(what, goal, this::step);
    }

    void step() {
      try {
        resumeIfCrashed();
        if (bob.state() == ProsumerSession.State.READY) {
          bob.offer(board, 10_000, 3600);
        }
        if (alice == null && !aliceBoard.match(EnergyAmount.ofWattHours(1_000), 20_000).isEmpty()) {
          Offer offer = aliceBoard.match(EnergyAmount.ofWattHours(1_000), 20_000).get(0);
          alice = ConsumerSession.open(ctx(aliceNode), identity(), aliceTx, offer, aliceStore);
          aliceStore.session.set(alice);
        }
        if (alice != null && alice.state() == ConsumerSession.State.NEW) {
          alice.start();
        }
        if (bobTicks) {
          mineBlock();
          bob.tick();
        }
        if (alice != null) {
          alice.tick();
        }
      } catch (Crash e) {
        // The process died in the middle of a call; the next step resumes it.
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    void resumeIfCrashed() throws Exception {
      if (bobStore.crashed && !resumed.contains("bob")) {
        resumed.add("bob");
        bob = ProsumerSession.resume(ctx(bobNode), bobFile);
      }
      if (aliceStore.crashed && !resumed.contains("alice")) {
        resumed.add("alice");
        alice = ConsumerSession.resume(ctx(aliceNode), aliceFile);
      }
    }
  }

  static Stream<Arguments> crashPoints() {
    List<Arguments> out = new ArrayList<>();
    for (ProsumerSession.State s : ProsumerSession.State.values()) {
      if (s != ProsumerSession.State.AWAITING_SECRETS) {
        out.add(Arguments.of("bob", When.AFTER_SAVE, s));
      }
      if (s != ProsumerSession.State.SETTLED) {
        out.add(Arguments.of("bob", When.BEFORE_NEXT_SAVE, s));
      }
    }
    for (ConsumerSession.State s : List.of(ConsumerSession.State.REQUESTED, ConsumerSession.State.VALIDATING,
        ConsumerSession.State.PAID, ConsumerSession.State.CLAIMING, ConsumerSession.State.OWNER)) {
      out.add(Arguments.of("alice", When.AFTER_SAVE, s));
    }
    for (ConsumerSession.State s : List.of(ConsumerSession.State.NEW, ConsumerSession.State.REQUESTED,
        ConsumerSession.State.VALIDATING, ConsumerSession.State.PAID, ConsumerSession.State.CLAIMING)) {
      out.add(Arguments.of("alice", When.BEFORE_NEXT_SAVE, s));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} crashes {1} {2}")
  @MethodSource("crashPoints")
  void tradeFinishesAfterACrashAndResume(String party, When when, Enum<?> state) throws Exception {
    Trade t = new Trade(party, when, state);
    t.run();

    assertThat(t.resumed).as("the crash happened").containsExactly(party);
    IssuedSecrets owned = t.alice.owned().orElseThrow();
    assertThat(registry.entry(owned.entryId()).orElseThrow().owner()).isEqualTo(t.aliceTx.publicKey());
    assertThat(registry.entry(t.issued.entryId()).orElseThrow().status()).isEqualTo(EntryStatus.TRANSFERRED);
    mineBlock();
    // Bob was paid once; Alice paid once (her change is 200000 - 50000 - fee).
    assertThat(ledger.unspent(EscrowScripts.p2pkh(t.bobTx.publicKey()), 1))
        .extracting(p -> p.output().value()).containsExactly(50_000L - FEE.sat());
    assertThat(ledger.unspent(EscrowScripts.p2pkh(t.aliceTx.publicKey()), 1))
        .extracting(p -> p.output().value()).containsExactly(200_000L - 50_000L - FEE.sat());
  }

  @Test
  void buyersDisputeTimeoutFiresAfterResume() throws Exception {
    Trade t = new Trade("none", null, null);
    t.bobTicks = false;
    t.runUntil("payment", () -> t.alice != null && t.alice.state() == ConsumerSession.State.PAID);
    // Bob is gone for good (his process never comes back), so bλ never arrives.
    t.bob.close();
    mineBlock();
    t.alice.tick(); // starts the timeout
    t.alice.close();
    ConsumerSession alice = ConsumerSession.resume(ctx(aliceNode), t.aliceFile);
    assertThat(alice.state()).isEqualTo(ConsumerSession.State.PAID);
    alice.tick();
    assertThat(alice.state()).as("not yet timed out").isEqualTo(ConsumerSession.State.PAID);
    offset.addAndGet(61);
    alice.tick();
    await("settlement", () -> alice.state() == ConsumerSession.State.SETTLED, () -> {});
    mineBlock();
    long net = 50_000 - FEE.sat();
    assertThat(ledger.unspent(EscrowScripts.p2pkh(t.aliceTx.publicKey()), 1))
        .extracting(p -> p.output().value()).contains(net / 2);
  }

  @Test
  void sellersUnlockTimeoutFiresAfterResume() throws Exception {
    Trade t = new Trade("none", null, null);
    t.fundAlice = false;
    t.runUntil("escrow sent, buyer without coins", () -> t.alice != null && t.alice.state() == ConsumerSession.State.FAILED);
    assertThat(t.bob.state()).isEqualTo(ProsumerSession.State.ESCROW_SENT);
    t.bob.close();
    ProsumerSession bob = ProsumerSession.resume(ctx(bobNode), t.bobFile);
    assertThat(bob.state()).isEqualTo(ProsumerSession.State.ESCROW_SENT);
    bob.tick();
    assertThat(bob.state()).isEqualTo(ProsumerSession.State.ESCROW_SENT);
    offset.addAndGet(61);
    await("unlocked and offered again", () -> bob.state() == ProsumerSession.State.OFFERED, () -> {
      try {
        bob.tick();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertThat(registry.entry(t.issued.entryId()).orElseThrow().status()).isEqualTo(EntryStatus.ACTIVE);
  }

  interface Resume {
    AutoCloseable from(SessionStore store) throws Exception;
  }

  /**
   * Every snapshot either party saved during a trade resumes (on a spare node); the last one of
   * each cut at every offset, with a byte appended or with a bad header fails with a typed error.
   */
  @Test
  void everySnapshotResumesAndDamagedOnesFailTyped() throws Exception {
    Trade t = new Trade("none", null, null);
    t.run();
    MessageNode spare = node("spare");
    checkSnapshots(t.bobStore.saved, store -> ProsumerSession.resume(ctx(spare), store));
    checkSnapshots(t.aliceStore.saved, store -> ConsumerSession.resume(ctx(spare), store));
    assertThat(t.bobStore.saved).hasSizeGreaterThanOrEqualTo(ProsumerSession.State.values().length);
    assertThat(t.aliceStore.saved).hasSizeGreaterThanOrEqualTo(6);
  }

  private void checkSnapshots(List<byte[]> snapshots, Resume resume) throws Exception {
    for (byte[] snap : snapshots) {
      resume.from(storeOf(snap)).close();
    }
    byte[] last = snapshots.get(snapshots.size() - 1);
    for (int cut = 0; cut < last.length; cut++) {
      assertThat(errorOf(resume, Arrays.copyOf(last, cut))).as("cut at %d", cut)
          .isIn(RegistryError.TRUNCATED, RegistryError.MALFORMED, RegistryError.UNSUPPORTED_VERSION);
    }
    assertThat(errorOf(resume, Arrays.copyOf(last, last.length + 1))).isEqualTo(RegistryError.MALFORMED);
    byte[] version = last.clone();
    version[4] = 2;
    assertThat(errorOf(resume, version)).isEqualTo(RegistryError.UNSUPPORTED_VERSION);
    byte[] magic = last.clone();
    magic[0] = 'X';
    assertThat(errorOf(resume, magic)).isEqualTo(RegistryError.UNSUPPORTED_VERSION);
    assertThat(errorOf(resume, null)).isEqualTo(RegistryError.SNAPSHOT_UNREADABLE);
  }

  private static SessionStore storeOf(byte[] snapshot) {
    SessionStore s = SessionStore.inMemory();
    if (snapshot != null) {
      try {
        s.save(snapshot);
      } catch (RegistryException e) {
        throw new AssertionError(e);
      }
    }
    return s;
  }

  private static RegistryError errorOf(Resume resume, byte[] snapshot) {
    try {
      resume.from(storeOf(snapshot)).close();
    } catch (RegistryException e) {
      return e.error();
    } catch (Exception e) {
      throw new AssertionError("untyped failure", e);
    }
    throw new AssertionError("damaged snapshot resumed");
  }
}
