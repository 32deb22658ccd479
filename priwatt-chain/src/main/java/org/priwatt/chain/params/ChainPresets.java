package org.priwatt.chain.params;

import java.util.List;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.DifficultyParameters;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.script.Script;

/** The preset {@link ChainParameters}; kept apart so the value class stays small. */
final class ChainPresets {
  /** Satoshi's coinbase scriptSig: nBits, the number 4 and the Times headline of 3 Jan 2009. */
  private static final String BITCOIN_GENESIS_SCRIPT_SIG =
      "04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e"
          + "206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73";
  /** The PriWatt genesis coinbase message. */
  static final String PRIWATT_GENESIS_MESSAGE =
      "PriWatt: private peer-to-peer energy trading";
  /** The PriWatt genesis salt: the first 16 bytes of SHA-256 of the message above. */
  static final String PRIWATT_GENESIS_SALT = "61e1cec4fe659ff65e8c64f4aa64399c";
  static final long PRIWATT_GENESIS_TIME = 1_764_028_800L; // 2025-11-25T00:00:00Z
  static final int PRIWATT_GENESIS_NONCE = 1_384_231;

  private ChainPresets() {}

  static ChainParameters bitcoinMainnet() {
    return ChainParameters.builder()
        .id("bitcoin-mainnet")
        .network(NetworkParameters.BITCOIN_MAINNET)
        .genesis(bitcoinGenesis(1_231_006_505L, 0x1d00ffff, 2_083_236_893))
        .difficulty(DifficultyParameters.BITCOIN)
        .subsidy(Amount.ofSat(50 * Amount.COIN), 210_000)
        .coinbaseMaturity(100)
        .blockLimits(1_000_000, 20_000)
        .p2p(8333, 0xf9beb4d9)
        .activationHeights(227_931, 363_725, 388_381, 419_328)
        .coinbaseHeightRequired(true)
        .build();
  }

  static ChainParameters regtest() {
    return ChainParameters.builder()
        .id("regtest")
        .network(NetworkParameters.BITCOIN_TESTNET)
        .genesis(bitcoinGenesis(1_296_688_602L, 0x207fffff, 2))
        .difficulty(DifficultyParameters.REGTEST)
        .subsidy(Amount.ofSat(50 * Amount.COIN), 150)
        .coinbaseMaturity(100)
        .blockLimits(1_000_000, 20_000)
        .p2p(18444, 0xfabfb5da)
        .activationHeights(1, 1, 1, 1)
        .coinbaseHeightRequired(true)
        .build();
  }

  static ChainParameters priwatt() {
    return ChainParameters.builder()
        .id("priwatt")
        .network(NetworkParameters.PRIWATT)
        .genesis(priwattGenesis())
        .difficulty(DifficultyParameters.PRIWATT)
        .subsidy(Amount.ofSat(250_000_000L), 4_200_000)
        .coinbaseMaturity(100)
        .blockLimits(1_000_000, 20_000)
        // 0xfa and 0xe1 are never valid UTF-8 lead/ASCII bytes, so the magic cannot occur in
        // text; "PW" in the middle; no Bitcoin network uses these four bytes.
        .p2p(18733, 0xfa5057e1)
        .activationHeights(1, 1, 1, 1)
        .coinbaseHeightRequired(true)
        .build();
  }

  /** The PriWatt genesis block, rebuilt from its recorded salt, time and nonce. */
  static Block priwattGenesis() {
    return GenesisBuilder.create(DifficultyParameters.PRIWATT)
        .message(PRIWATT_GENESIS_MESSAGE)
        .salt(Hex.decode(PRIWATT_GENESIS_SALT))
        .time(PRIWATT_GENESIS_TIME)
        .nonce(PRIWATT_GENESIS_NONCE)
        .build();
  }

  /** Bitcoin's genesis block layout with a network's time, bits and nonce. */
  static Block bitcoinGenesis(long time, int bits, int nonce) {
    Transaction coinbase = Transaction.builder()
        .addInput(TxInput.of(OutPoint.NULL, Script.fromHex(BITCOIN_GENESIS_SCRIPT_SIG),
            TxInput.SEQUENCE_FINAL))
        .addOutput(Amount.ofSat(50 * Amount.COIN), ChainParameters.satoshiScript())
        .build();
    BlockHeader template = BlockHeader.of(1, BlockHash.ZERO, Sha256Hash.ZERO, time, bits, nonce);
    return Block.assemble(template, List.of(coinbase));
  }
}
