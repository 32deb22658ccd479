package org.priwatt.chain.params;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.DifficultyParameters;
import org.priwatt.chain.block.HeaderHasher;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.script.Opcode;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;

/**
 * Builds the genesis block of a private PriWatt network: a coinbase carrying a message and a
 * salt, the header mined to the network's proof-of-work limit.
 *
 * <p>Why a salt: two private networks created with the same message, time and parameters would
 * otherwise share a genesis hash, so their nodes would accept each other's blocks. A 16-byte salt
 * drawn from {@link SecureRandom} (or given, for a reproducible preset) makes the coinbase, so the
 * Merkle root and the genesis hash, unique to each network.
 *
 * <p>The coinbase scriptSig is {@code OP_0 <salt> <message>}: {@code OP_0} is the BIP 34 encoding
 * of height 0, so even the genesis coinbase follows the height rule. Its single output pays the
 * given subsidy to an unspendable {@code OP_RETURN} script by default; as in Bitcoin, the genesis
 * coinbase is never added to the UTXO set. Mutable and not thread-safe.
 */
public final class GenesisBuilder {
  /** Longest message, in UTF-8 bytes, that keeps the coinbase scriptSig within 100 bytes. */
  public static final int MAX_MESSAGE_BYTES = 80;
  /** Salt length in bytes. */
  public static final int SALT_BYTES = 16;

  private final DifficultyParameters difficulty;
  private String message = "PriWatt genesis";
  private byte[] salt;
  private long time;
  private int version = 1;
  private Amount subsidy = Amount.ZERO;
  private Script outputScript = ScriptBuilder.create().op(Opcode.OP_RETURN).build();
  private OptionalLong nonce = OptionalLong.empty();

  private GenesisBuilder(DifficultyParameters difficulty) {
    this.difficulty = difficulty;
    this.time = System.currentTimeMillis() / 1000;
  }

  /** Returns a builder mining to {@code difficulty}'s pow limit, time now, a random salt. */
  public static GenesisBuilder create(DifficultyParameters difficulty) {
    return new GenesisBuilder(Objects.requireNonNull(difficulty, "difficulty"));
  }

  /**
   * Sets the coinbase message (a headline, a network name).
   *
   * @throws IllegalArgumentException if it exceeds {@value #MAX_MESSAGE_BYTES} UTF-8 bytes
   */
  public GenesisBuilder message(String newMessage) {
    Objects.requireNonNull(newMessage, "message");
    if (newMessage.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("message longer than " + MAX_MESSAGE_BYTES + " bytes");
    }
    this.message = newMessage;
    return this;
  }

  /**
   * Sets the salt instead of drawing a random one (for reproducible presets).
   *
   * @throws IllegalArgumentException if it is not {@value #SALT_BYTES} bytes
   */
  public GenesisBuilder salt(byte[] newSalt) {
    if (newSalt.length != SALT_BYTES) {
      throw new IllegalArgumentException("salt must be " + SALT_BYTES + " bytes");
    }
    this.salt = newSalt.clone();
    return this;
  }

  /**
   * Sets the header time, seconds since the Unix epoch.
   *
   * @throws IllegalArgumentException if outside the uint32 range
   */
  public GenesisBuilder time(long newTime) {
    if (newTime < 0 || newTime > BlockHeader.MAX_TIME) {
      throw new IllegalArgumentException("time out of range: " + newTime);
    }
    this.time = newTime;
    return this;
  }

  /** Sets the header version (default 1). */
  public GenesisBuilder version(int newVersion) {
    this.version = newVersion;
    return this;
  }

  /** Sets the coinbase output's value (default zero) and script (default OP_RETURN). */
  public GenesisBuilder output(Amount value, Script script) {
    this.subsidy = Objects.requireNonNull(value, "value");
    this.outputScript = Objects.requireNonNull(script, "script");
    return this;
  }

  /**
   * Uses a known nonce instead of searching: for presets whose nonce was found once. {@link
   * #build()} still checks that it meets the pow limit.
   */
  public GenesisBuilder nonce(int knownNonce) {
    this.nonce = OptionalLong.of(Integer.toUnsignedLong(knownNonce));
    return this;
  }

  /**
   * The coinbase transaction the block will carry. Draws the random salt on first use if none
   * was set, so later calls and {@link #build()} use the same one.
   */
  public Transaction coinbase() {
    byte[] s = salt != null ? salt : randomSalt();
    this.salt = s;
    Script scriptSig = ScriptBuilder.create()
        .op(Opcode.OP_0)
        .data(s)
        .data(message.getBytes(StandardCharsets.UTF_8))
        .build();
    return Transaction.builder()
        .addInput(TxInput.of(OutPoint.NULL, scriptSig, TxInput.SEQUENCE_FINAL))
        .addOutput(subsidy, outputScript)
        .build();
  }

  /**
   * Assembles the block and mines it at the pow limit (advancing the time by one second each
   * time the 32-bit nonce space runs out, which at a sane pow limit does not happen).
   *
   * @throws IllegalStateException if a nonce given with {@link #nonce(int)} does not meet the
   *     pow limit
   */
  public Block build() {
    int bits = difficulty.powLimitBits().bits();
    BlockHeader template = BlockHeader.of(version, BlockHash.ZERO, Sha256Hash.ZERO, time, bits, 0);
    Block block = Block.assemble(template, List.of(coinbase()));
    if (nonce.isPresent()) {
      Block fixed = block.withHeader(block.header().withNonce((int) nonce.getAsLong()));
      if (!fixed.header().meetsOwnTarget()) {
        throw new IllegalStateException("nonce " + nonce.getAsLong() + " misses the pow limit");
      }
      return fixed;
    }
    BlockHeader header = block.header();
    while (true) {
      OptionalLong found = HeaderHasher.forTemplate(header).scan(0, 1L << 32, () -> false);
      if (found.isPresent()) {
        return block.withHeader(header.withNonce((int) found.getAsLong()));
      }
      header = header.withTime(header.time() + 1);
    }
  }

  private static byte[] randomSalt() {
    byte[] s = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(s);
    return s;
  }
}
