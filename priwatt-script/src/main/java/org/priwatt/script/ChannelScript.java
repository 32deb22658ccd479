package org.priwatt.script;

import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.EcPublicKey;

/**
 * The one definition of a PriWatt payment channel's output (Case 2, paper §3.2), in the
 * check-lock-time form that replaced pre-signed refunds: the client (Alice, who funds the channel)
 * and the server (Bob, who is paid) spend it together, or the client alone once the chain has
 * passed the refund height:
 *
 * <pre>
 * OP_IF &lt;server&gt; OP_CHECKSIGVERIFY OP_ELSE &lt;refundHeight&gt; OP_CHECKLOCKTIMEVERIFY OP_DROP OP_ENDIF &lt;client&gt; OP_CHECKSIG
 * </pre>
 *
 * paid to by its P2SH ({@link #scriptPubKey()}). A payment or close spends it with {@link
 * #paymentScriptSig} ({@code <sigClient> <sigServer> OP_1 <redeem>}), the refund with {@link
 * #refundScriptSig} ({@code <sigClient> OP_0 <redeem>}) in a transaction whose nLockTime is at
 * least the refund height and whose input sequence is not final (BIP 65). Because the refund
 * needs no signature from the server, nothing is pre-signed over the funding transaction's id,
 * so re-encoding (malleating) the legacy funding transaction cannot strand the client's money.
 *
 * <p>Policy shared by everyone who builds or reads a channel (client, server, DSO): two valid,
 * distinct keys, stored compressed, and a refund height that is a block height (1 up to, not
 * including, {@link #LOCKTIME_THRESHOLD}). Immutable.
 *
 * @param server the server's key (pubKeyB), needed for every spend but the refund
 * @param client the client's key (pubKeyA), needed for every spend
 * @param refundHeight the block height from which the client alone may spend (nLockTime)
 */
public record ChannelScript(EcPublicKey server, EcPublicKey client, long refundHeight) {
  /** nLockTime values from here on are times, not heights (Bitcoin's LOCKTIME_THRESHOLD). */
  public static final long LOCKTIME_THRESHOLD = 500_000_000L;
  /** The nSequence of the refund's input: not final, so nLockTime and CHECKLOCKTIMEVERIFY apply. */
  public static final long REFUND_SEQUENCE = 0xfffffffeL;

  /**
   * Validates and normalises the keys to their compressed form.
   *
   * @throws NullPointerException if a key is null
   * @throws IllegalArgumentException if the keys are the same point or the height is not a block
   *     height
   */
  public ChannelScript {
    server = Objects.requireNonNull(server, "server").withCompression(true);
    client = Objects.requireNonNull(client, "client").withCompression(true);
    if (server.equals(client)) {
      throw new IllegalArgumentException("server and client keys must differ");
    }
    if (refundHeight < 1 || refundHeight >= LOCKTIME_THRESHOLD) {
      throw new IllegalArgumentException("refund height outside 1.." + (LOCKTIME_THRESHOLD - 1) + ": " + refundHeight);
    }
  }

  /** The channel of {@code server}, {@code client} and {@code refundHeight}; see the constructor. */
  public static ChannelScript of(EcPublicKey server, EcPublicKey client, long refundHeight) {
    return new ChannelScript(server, client, refundHeight);
  }

  /**
   * The channel whose redeem script is exactly {@code redeem} under this class's policy; empty
   * otherwise. Never throws on hostile input.
   */
  public static Optional<ChannelScript> parse(Script redeem) {
    Objects.requireNonNull(redeem, "redeem");
    ScriptChunk[] c = new ScriptChunk[10];
    int n = 0;
    for (ScriptChunk chunk : redeem.chunks()) {
      if (n == c.length || chunk.isMalformed()) {
        return Optional.empty();
      }
      c[n++] = chunk;
    }
    if (n != 10 || !c[1].isPushData() || !c[8].isPushData()
        || !c[4].isPushData() && !c[4].opcode().isSmallInteger()) {
      return Optional.empty();
    }
    try {
      long height = c[4].isPushData() ? ScriptNum.decode(c[4].data(), true, ScriptNum.LOCKTIME_MAX_SIZE).value()
          : c[4].opcode().smallIntegerValue().orElseThrow();
      ChannelScript s = new ChannelScript(EcPublicKey.decode(c[1].data()), EcPublicKey.decode(c[8].data()), height);
      return s.redeemScript().equals(redeem) ? Optional.of(s) : Optional.empty();
    } catch (org.priwatt.crypto.CryptoException | ScriptException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The redeem script (see the class comment). */
  public Script redeemScript() {
    return ScriptBuilder.create().op(Opcode.OP_IF).data(server.compressedEncoding()).op(Opcode.OP_CHECKSIGVERIFY)
        .op(Opcode.OP_ELSE).number(refundHeight).op(Opcode.OP_CHECKLOCKTIMEVERIFY).op(Opcode.OP_DROP)
        .op(Opcode.OP_ENDIF).data(client.compressedEncoding()).op(Opcode.OP_CHECKSIG).build();
  }

  /** The P2SH output script the client pays the channel's capacity into (BIP 16). */
  public Script scriptPubKey() {
    return ScriptTemplates.p2shOf(redeemScript());
  }

  /**
   * The scriptSig of a payment or close, signed by both: {@code <clientSig> <serverSig> OP_1
   * <redeem>} (the OP_IF branch; OP_1 is the minimal true MINIMALIF requires).
   */
  public Script paymentScriptSig(byte[] clientSignature, byte[] serverSignature) {
    return ScriptBuilder.create().data(clientSignature.clone()).data(serverSignature.clone()).op(Opcode.OP_1)
        .data(redeemScript().bytes()).build();
  }

  /** The scriptSig of the refund, signed by the client alone: {@code <clientSig> OP_0 <redeem>}. */
  public Script refundScriptSig(byte[] clientSignature) {
    return ScriptBuilder.create().data(clientSignature.clone()).op(Opcode.OP_0).data(redeemScript().bytes()).build();
  }
}
