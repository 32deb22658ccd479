package org.priwatt.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProofOfWorkTest {
  static final long NOW = 1_700_000_000L;
  static final PowParameters EASY = new PowParameters(1, 0);

  /** Targets computed by hand: floor(2^64 / (ntpb * (len + extra + floor(ttl * (len + extra) / 2^16)))). */
  @ParameterizedTest
  @CsvSource({
    "1000, 3600, 1000, 1000, 8746678081417",
    "100, 300, 1000, 1000, 16693886039556",
    "1000, 2419200, 1000, 1000, 243270877165",
    "22, 0, 1, 0, 838488366986797800",
  })
  void targetMatchesHandComputation(int len, long ttl, long ntpb, long extra, String expected) {
    assertThat(Long.toUnsignedString(ProofOfWork.target(len, ttl, new PowParameters(ntpb, extra)))).isEqualTo(expected);
  }

  @Test
  void targetSaturatesAndTtlHasFloor() {
    assertThat(ProofOfWork.target(0, 0, new PowParameters(1, 0))).isEqualTo(-1L);
    assertThat(ProofOfWork.effectiveTtl(NOW + 10, NOW)).isEqualTo(300);
    assertThat(ProofOfWork.effectiveTtl(NOW + 1000, NOW)).isEqualTo(1000);
  }

  @Test
  void solvedObjectVerifiesAndTamperingBreaksIt() throws Exception {
    MessageObject unsolved = MessageObject.unsolved(NOW + 3600, 2, 1, 1, new byte[200]);
    PowParameters p = new PowParameters(20, 100);
    MessageObject solved = ProofOfWork.solve(unsolved, p, NOW, 3, new AtomicBoolean());
    assertThat(ProofOfWork.isSufficient(solved, p, NOW)).isTrue();
    assertThat(solved.payload()).isEqualTo(unsolved.payload());
    // Tampered nonce, payload or expiry: the trial value changes and (with overwhelming probability) fails.
    assertThat(ProofOfWork.isSufficient(solved.withNonce(solved.nonce() + 1), p, NOW)).isFalse();
    byte[] enc = solved.encoded();
    enc[enc.length - 1] ^= 1;
    assertThat(ProofOfWork.isSufficient(MessageObject.decode(enc), p, NOW)).isFalse();
    byte[] exp = solved.encoded();
    exp[15] ^= 1;
    assertThat(ProofOfWork.isSufficient(MessageObject.decode(exp), p, NOW)).isFalse();
    assertThatThrownBy(() -> ObjectRules.withMinimum(p).check(MessageObject.decode(exp), NOW))
        .extracting(e -> ((MessageException) e).error()).isEqualTo(MessageError.INSUFFICIENT_POW);
    ObjectRules.withMinimum(p).check(solved, NOW);
  }

  @Test
  void cancelledSearchReportsTypedError() {
    MessageObject unsolved = MessageObject.unsolved(NOW + 3600, 2, 1, 1, new byte[10]);
    AtomicBoolean cancel = new AtomicBoolean(true);
    // Default difficulty needs millions of trials; the pre-set flag stops it after one batch.
    assertThatThrownBy(() -> ProofOfWork.solve(unsolved, PowParameters.NETWORK_DEFAULT, NOW, 2, cancel))
        .extracting(e -> ((MessageException) e).error()).isEqualTo(MessageError.POW_CANCELLED);
  }

  /** Parameters whose target is 0: a search practically never ends on its own (2^-64 per trial). */
  static final PowParameters ENDLESS = new PowParameters(PowParameters.MAX_VALUE, PowParameters.MAX_VALUE);

  /** Regression: the search ignored Thread.interrupt() although its Javadoc promised POW_CANCELLED. */
  @Test
  void interruptEndsALongSearchWithPowCancelled() throws Exception {
    MessageObject unsolved = MessageObject.unsolved(NOW + 3600, 2, 1, 1, new byte[10]);
    AtomicBoolean cancel = new AtomicBoolean();
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    Await.Outcome o = Await.onThread(() -> {
      started.countDown();
      ProofOfWork.solve(unsolved, ENDLESS, NOW, 2, cancel);
    });
    try {
      started.await();
      o.thread.interrupt();
      o.join();
    } finally {
      cancel.set(true); // stops a search that ignored the interrupt, so the JVM is not left spinning
    }
    assertThat(o.error()).isEqualTo(MessageError.POW_CANCELLED);
    assertThat(o.interruptedAfter).as("interrupt status kept").isTrue();
  }

  @Test
  void deadlineEndsASearchWithItsOwnError() throws Exception {
    MessageObject unsolved = MessageObject.unsolved(NOW + 3600, 2, 1, 1, new byte[10]);
    Await.Outcome o = Await.onThread(() -> ProofOfWork.solve(unsolved, ENDLESS, NOW, 2, new AtomicBoolean(), java.time.Duration.ofMillis(20))).join();
    assertThat(o.error()).isEqualTo(MessageError.POW_DEADLINE_EXCEEDED);
    assertThat(o.interruptedAfter).isFalse();
    assertThatThrownBy(() -> ProofOfWork.solve(unsolved, EASY, NOW, 1, new AtomicBoolean(), java.time.Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    // A generous deadline does not stand in the way of an easy search.
    assertThat(ProofOfWork.isSufficient(ProofOfWork.solve(unsolved, EASY, NOW, 1, new AtomicBoolean(), java.time.Duration.ofDays(365_000)), EASY, NOW)).isTrue();
  }

  /** Expected trials are 2^64 / (target + 1): the cost of a search is known before it starts. */
  @Test
  void expectedTrialsFollowTheTarget() {
    assertThat(ProofOfWork.expectedTrials(1000, 3600, PowParameters.NETWORK_DEFAULT)).isEqualTo(2_108_999L);
    assertThat(ProofOfWork.expectedTrials(0, 0, new PowParameters(1, 0))).isEqualTo(1);
    assertThat(ProofOfWork.expectedTrials(MessageObject.MAX_SIZE, ObjectRules.MAX_TTL, ENDLESS)).isEqualTo(Long.MAX_VALUE);
    // Doubling the trials per byte doubles the cost.
    PowParameters twice = new PowParameters(2000, 1000);
    assertThat(ProofOfWork.expectedTrials(600, 3600, twice)).isBetween(2 * ProofOfWork.expectedTrials(600, 3600, PowParameters.NETWORK_DEFAULT) - 2,
        2 * ProofOfWork.expectedTrials(600, 3600, PowParameters.NETWORK_DEFAULT) + 2);
  }

  @Test
  void trialValueIsDoubleSha512OfNonceAndInitialHash() {
    MessageObject o = MessageObject.unsolved(NOW, 1, 4, 1, new byte[] {1, 2, 3}).withNonce(0x0102030405060708L);
    byte[] buf = new byte[72];
    System.arraycopy(o.encoded(), 0, buf, 0, 8);
    System.arraycopy(org.priwatt.crypto.Hashes.sha512(java.util.Arrays.copyOfRange(o.encoded(), 8, o.size())), 0, buf, 8, 64);
    byte[] h = org.priwatt.crypto.Hashes.sha512d(buf);
    assertThat(ProofOfWork.trialValue(o)).isEqualTo(java.nio.ByteBuffer.wrap(h).getLong());
  }

  @Test
  void expiryWindowIsEnforced() throws Exception {
    ObjectRules rules = ObjectRules.withMinimum(EASY);
    MessageObject far = ProofOfWork.solve(MessageObject.unsolved(NOW + ObjectRules.MAX_TTL + 1, 2, 1, 1, new byte[8]), EASY, NOW, 1, new AtomicBoolean());
    assertThatThrownBy(() -> rules.check(far, NOW)).extracting(e -> ((MessageException) e).error()).isEqualTo(MessageError.EXPIRES_TOO_FAR);
    MessageObject edge = ProofOfWork.solve(MessageObject.unsolved(NOW + ObjectRules.MAX_TTL, 2, 1, 1, new byte[8]), EASY, NOW, 1, new AtomicBoolean());
    rules.check(edge, NOW);
    MessageObject old = ProofOfWork.solve(MessageObject.unsolved(NOW - 3601, 2, 1, 1, new byte[8]), EASY, NOW, 1, new AtomicBoolean());
    assertThatThrownBy(() -> rules.check(old, NOW)).extracting(e -> ((MessageException) e).error()).isEqualTo(MessageError.EXPIRED);
    MessageObject graced = ProofOfWork.solve(MessageObject.unsolved(NOW - 3600, 2, 1, 1, new byte[8]), EASY, NOW, 1, new AtomicBoolean());
    rules.check(graced, NOW);
  }
}
