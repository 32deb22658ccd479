package org.priwatt.chain.block;

import java.util.List;
import org.priwatt.chain.ChainException;

/**
 * Real Bitcoin mainnet block headers (public chain data): heights 0-10 and the first retarget
 * boundary, 32255 and 32256. Each row pairs the raw 80-byte header with the block hash published
 * by explorers; the tests check every header hashes to it, so a typo cannot go unnoticed.
 */
public final class MainnetHeaders {
  private MainnetHeaders() {}

  /** A raw header and its published display hash. */
  public record Row(int height, String headerHex, String hash) {}

  public static final List<Row> FIRST_BLOCKS = List.of(
      new Row(0, "01000000000000000000000000000000000000000000000000000000000000000000000"
          + "03ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c",
          "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"),
      new Row(1, "010000006fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000"
          + "982051fd1e4ba744bbbe680e1fee14677ba1a3c3540bf7b1cdb606e857233e0e61bc6649ffff001d01e36299",
          "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048"),
      new Row(2, "010000004860eb18bf1b1620e37e9490fc8a427514416fd75159ab86688e9a8300000000"
          + "d5fdcc541e25de1c7a5addedf24858b8bb665c9f36ef744ee42c316022c90f9bb0bc6649ffff001d08d2bd61",
          "000000006a625f06636b8bb6ac7b960a8d03705d1ace08b1a19da3fdcc99ddbd"),
      new Row(3, "01000000bddd99ccfda39da1b108ce1a5d70038d0a967bacb68b6b63065f626a00000000"
          + "44f672226090d85db9a9f2fbfe5f0f9609b387af7be5b7fbb7a1767c831c9e995dbe6649ffff001d05e0ed6d",
          "0000000082b5015589a3fdf2d4baff403e6f0be035a5d9742c1cae6295464449"),
      new Row(4, "010000004944469562ae1c2c74d9a535e00b6f3e40ffbad4f2fda3895501b58200000000"
          + "7a06ea98cd40ba2e3288262b28638cec5337c1456aaf5eedc8e9e5a20f062bdf8cc16649ffff001d2bfee0a9",
          "000000004ebadb55ee9096c9a2f8880e09da59c0d68b1c228da88e48844a1485"),
      new Row(5, "0100000085144a84488ea88d221c8bd6c059da090e88f8a2c99690ee55dbba4e00000000"
          + "e11c48fecdd9e72510ca84f023370c9a38bf91ac5cae88019bee94d24528526344c36649ffff001d1d03e477",
          "000000009b7262315dbf071787ad3656097b892abffd1f95a1a022f896f533fc"),
      new Row(6, "01000000fc33f596f822a0a1951ffdbf2a897b095636ad871707bf5d3162729b00000000"
          + "379dfb96a5ea8c81700ea4ac6b97ae9a9312b2d4301a29580e924ee6761a2520adc46649ffff001d189c4c97",
          "000000003031a0e73735690c5a1ff2a4be82553b2a12b776fbd3a215dc8f778d"),
      new Row(7, "010000008d778fdc15a2d3fb76b7122a3b5582bea4f21f5a0c693537e7a0313000000000"
          + "3f674005103b42f984169c7d008370967e91920a6a5d64fd51282f75bc73a68af1c66649ffff001d39a59c86",
          "0000000071966c2b1d065fd446b1e485b2c9d9594acd2007ccbd5441cfc89444"),
      new Row(8, "010000004494c8cf4154bdcc0720cd4a59d9c9b285e4b146d45f061d2b6c967100000000"
          + "e3855ed886605b6d4a99d5fa2ef2e9b0b164e63df3c4136bebf2d0dac0f1f7a667c86649ffff001d1c4b5666",
          "00000000408c48f847aa786c2268fc3e6ec2af68e8468a34a28c61b7f1de0dc6"),
      new Row(9, "01000000c60ddef1b7618ca2348a46e868afc26e3efc68226c78aa47f8488c4000000000"
          + "c997a5e56e104102fa209c6a852dd90660a20b2d9c352423edce25857fcd37047fca6649ffff001d28404f53",
          "000000008d9dc510f23c2657fc4f67bea30078cc05a90eb89e84cc475c080805"),
      new Row(10, "010000000508085c47cc849eb80ea905cc7800a3be674ffc57263cf210c59d8d00000000"
          + "112ba175a1e04b14ba9e7ea5f76ab640affeef5ec98173ac9799a852fa39add320cd6649ffff001d1e2de565",
          "000000002c05cc2e78923c34df87fd108b22221ac6076c18f3ade378a4d915e9"));

  /** Block 32255, the last block of the window 30240..32255, still at bits 0x1d00ffff. */
  public static final Row BLOCK_32255 = new Row(32255,
      "0100000049c1daab3b6536ff1b2633c3a316a6e06ec287676cdeec4ca7baae6b00000000"
          + "ac10b36b8f354b3353207de15940a5edbc05bb8364af75b4b5409e7823f2b48923ec3a4bffff001dbd5fa412",
      "00000000984f962134a7291e3693075ae03e521f0ee33378ec30a334d860034b");

  /**
   * Block 32256, the first difficulty change (bits 0x1d00d86a). Reconstructed from its published
   * fields (version 1, prev 32255, merkle root 64b5e5f5...b627, time 1262153464, bits 0x1d00d86a,
   * nonce 121087187); it hashes to the published hash, which confirms the reconstruction.
   */
  public static final Row BLOCK_32256 = new Row(32256,
      "010000004b0360d834a330ec7833e30e1f523ee05a0793361e29a73421964f9800000000"
          + "27b64a020af294e903feed93768705336a20090612a043f47af462a2f5e5b564f8ee3a4b6ad8001dd3a43707",
      "000000004f2886a170adb7204cb0c7a824217dd24d11a74423d564c4e0904967");

  /** Timestamp of block 30240, the first block of the window ending at 32255 (Core pow_tests). */
  public static final long TIME_30240 = 1261130161L;

  public static BlockHeader header(Row row) {
    try {
      return BlockHeader.parseHex(row.headerHex());
    } catch (ChainException e) {
      throw new AssertionError(e);
    }
  }
}
