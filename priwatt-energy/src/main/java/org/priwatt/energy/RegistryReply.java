package org.priwatt.energy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.energy.internal.BytesIn;
import org.priwatt.energy.internal.BytesOut;

/**
 * The DSO's answer to a {@link RegistryRequest} (or an unsolicited notice of issued secrets),
 * sent by private message to the requester. Immutable; {@code toString} hides secrets.
 *
 * <p>Encoding: {@code version(1)=1 ‖ requestId(16) ‖ status(1, 0 = OK else a RegistryError code)
 * ‖ answer(1) ‖ count(1) ‖ count × (λ(32) ‖ z(32) ‖ energy mWh(8)) ‖ transaction(var) ‖ share(4) ‖
 * detail(var UTF-8)}.
 *
 * @param request the request answered
 * @param error empty on success
 * @param answer the testify verdict
 * @param secrets issued secrets (renew, transfer, split, injection)
 * @param transaction a serialized transaction (the DSO-signed dispute settlement), possibly empty
 * @param buyerShareBasisPoints the dispute decision, 0 otherwise
 * @param detail a human-readable reason, never secret
 */
public record RegistryReply(RequestId request, Optional<RegistryError> error, boolean answer, List<IssuedSecrets> secrets,
    byte[] transaction, int buyerShareBasisPoints, String detail) {
  /** Longest accepted encoding. */
  public static final int MAX_ENCODED = 64 * 1024;
  /** Most secrets one reply may carry. */
  public static final int MAX_SECRETS = 100;

  /** Validates and copies. */
  public RegistryReply {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(error, "error");
    secrets = List.copyOf(secrets);
    transaction = transaction.clone();
    Objects.requireNonNull(detail, "detail");
    if (secrets.size() > MAX_SECRETS) {
      throw new IllegalArgumentException("too many secrets");
    }
  }

  /** A success carrying {@code secrets}. */
  public static RegistryReply ok(RequestId request, List<IssuedSecrets> secrets) {
    return new RegistryReply(request, Optional.empty(), true, secrets, new byte[0], 0, "");
  }

  /** A testify verdict. */
  public static RegistryReply verdict(RequestId request, boolean answer, String detail) {
    return new RegistryReply(request, Optional.empty(), answer, List.of(), new byte[0], 0, detail);
  }

  /** A refusal. */
  public static RegistryReply refused(RequestId request, RegistryError error, String detail) {
    return new RegistryReply(request, Optional.of(error), false, List.of(), new byte[0], 0, detail);
  }

  /** A dispute decision with the DSO-signed settlement. */
  public static RegistryReply decision(RequestId request, byte[] settlement, int buyerShareBasisPoints) {
    return new RegistryReply(request, Optional.empty(), true, List.of(), settlement, buyerShareBasisPoints, "");
  }

  /** True if the request was accepted. */
  public boolean isOk() {
    return error.isEmpty();
  }

  /** A copy of the transaction bytes. */
  @Override
  public byte[] transaction() {
    return transaction.clone();
  }

  /** The wire encoding. */
  public byte[] encode() {
    BytesOut out = new BytesOut().u8(1).raw(request.toBytes()).u8(error.map(RegistryError::code).orElse(0))
        .bool(answer).u8(secrets.size());
    for (IssuedSecrets s : secrets) {
      byte[] l = s.ownership().copyBytes();
      byte[] z = s.lock().copyBytes();
      out.raw(l).raw(z).i64(s.energy().milliwattHours());
      Arrays.fill(l, (byte) 0);
      Arrays.fill(z, (byte) 0);
    }
    return out.var(transaction).i32(buyerShareBasisPoints).text(detail).toByteArray();
  }

  /**
   * Decodes untrusted bytes.
   *
   * @throws RegistryException {@link RegistryError#TRUNCATED} or {@link RegistryError#MALFORMED}
   */
  public static RegistryReply decode(byte[] bytes) throws RegistryException {
    if (bytes.length > MAX_ENCODED) {
      throw new RegistryException(RegistryError.MALFORMED, "reply too long");
    }
    BytesIn in = new BytesIn(bytes);
    if (in.u8() != 1) {
      throw new RegistryException(RegistryError.MALFORMED, "unknown reply version");
    }
    RequestId id = RequestId.fromBytes(in.raw(RequestId.LENGTH));
    int status = in.u8();
    Optional<RegistryError> error = status == 0 ? Optional.empty() : Optional.of(RegistryError.fromCode(status));
    boolean answer = in.bool();
    int count = in.u8();
    if (count > MAX_SECRETS) {
      throw new RegistryException(RegistryError.MALFORMED, "too many secrets");
    }
    List<IssuedSecrets> secrets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] l = in.raw(32);
      byte[] z = in.raw(32);
      long mwh = in.i64();
      if (mwh <= 0) {
        throw new RegistryException(RegistryError.MALFORMED, "non-positive energy");
      }
      secrets.add(new IssuedSecrets(EnergySecret.adopt(l), EnergySecret.adopt(z), EnergyAmount.ofMilliwattHours(mwh)));
    }
    byte[] tx = in.var(BytesIn.MAX_FIELD);
    int share = in.i32();
    String detail = in.text(1024);
    in.end();
    if (share < 0 || share > EscrowTransactions.FULL_SHARE) {
      throw new RegistryException(RegistryError.MALFORMED, "share out of range");
    }
    return new RegistryReply(id, error, answer, secrets, tx, share, detail);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryReply r && Arrays.equals(encode(), r.encode());
  }

  @Override
  public int hashCode() {
    return request.hashCode();
  }

  /** Never shows secrets. */
  @Override
  public String toString() {
    return "RegistryReply{" + request + ", " + error.map(Enum::name).orElse("OK") + ", answer=" + answer + ", "
        + secrets.size() + " secrets, share=" + buyerShareBasisPoints + (detail.isEmpty() ? "" : ", " + detail) + "}";
  }
}
