package org.priwatt.benchmarks.runner;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the suite is made of, in one place: the concerns it measures (one benchmark class each,
 * with what it is compared against), the pairs of benchmarks whose ratio the report prints, the
 * representative subset the quick mode runs, and the slots reserved for benchmarks that land
 * from other branches. A class in a result that this table does not know still appears in the
 * report, with its chart, just without ratios.
 */
public final class Suite {
  private Suite() {}

  /** How a reference relates to the benchmark it is compared with. */
  public enum Kind {
    /** The least any implementation must do (a bare system call, a sort of primitives). */
    FLOOR,
    /** Another implementation of the same operation (raw library, bitcoinj, another provider). */
    PEER,
    /** The same benchmark under another parameter (threads, backend). */
    SCALING
  }

  /**
   * A ratio the report prints: {@code subject / reference} in operations per second, where a
   * reference row matches when it has {@code referenceParams} and agrees with the subject on
   * every other parameter both have.
   *
   * @param className the benchmark class's simple name
   * @param subject the method measured
   * @param subjectParams parameters the subject row must have (empty: any)
   * @param reference the method compared against
   * @param referenceParams parameters the reference row must have
   * @param kind what the reference is
   */
  public record Pair(String className, String subject, Map<String, String> subjectParams, String reference,
      Map<String, String> referenceParams, Kind kind) {
    /** Copies. */
    public Pair {
      subjectParams = Map.copyOf(subjectParams);
      referenceParams = Map.copyOf(referenceParams);
      Objects.requireNonNull(kind, "kind");
    }

    /** The reference row for {@code row} of the subject in {@code results}, if measured. */
    public Optional<ResultRow> referenceFor(ResultRow row, ResultSet results) {
      return results.rows().stream().filter(r -> r.className().equals(className) && r.method().equals(reference)
          && r.hasParams(referenceParams) && r.params().entrySet().stream().allMatch(e ->
              referenceParams.containsKey(e.getKey()) || !row.params().containsKey(e.getKey())
                  || row.params().get(e.getKey()).equals(e.getValue()))).findFirst();
    }

    /** Whether {@code row} is one this pair compares. */
    public boolean covers(ResultRow row) {
      return row.className().equals(className) && row.method().equals(subject) && row.hasParams(subjectParams);
    }
  }

  private static Pair pair(String cls, String subject, String reference, Kind kind) {
    return new Pair(cls, subject, Map.of(), reference, Map.of(), kind);
  }

  private static Pair pair(String cls, String subject, Map<String, String> sp, String reference,
      Map<String, String> rp, Kind kind) {
    return new Pair(cls, subject, sp, reference, rp, kind);
  }

  private static final Map<String, String> NATIVE = Map.of("backend", "NATIVE");
  private static final Map<String, String> BC = Map.of("backend", "BOUNCY_CASTLE");

  /** Every ratio the report prints, by concern. */
  public static final List<Pair> PAIRS = List.of(
      pair("EcdsaBenchmark", "sdkSign", NATIVE, "rawBindingSign", Map.of(), Kind.PEER),
      pair("EcdsaBenchmark", "sdkVerify", NATIVE, "rawBindingVerify", Map.of(), Kind.PEER),
      pair("EcdsaBenchmark", "sdkSign", BC, "bcSign", Map.of("curve", "secp256k1"), Kind.PEER),
      pair("EcdsaBenchmark", "sdkVerify", BC, "bcVerify", Map.of("curve", "secp256k1"), Kind.PEER),
      pair("EcdsaBenchmark", "sdkSign", NATIVE, "bitcoinjSign", Map.of(), Kind.PEER),
      pair("EcdsaBenchmark", "sdkVerify", NATIVE, "bitcoinjVerify", Map.of(), Kind.PEER),
      pair("EcdsaBenchmark", "sdkSign", BC, "bitcoinjSign", Map.of(), Kind.PEER),
      pair("EcdsaBenchmark", "sdkVerify", BC, "bitcoinjVerify", Map.of(), Kind.PEER),
      pair("EcdsaBenchmark", "jdkP256Sign", Map.of(), "bcSign", Map.of("curve", "secp256r1"), Kind.PEER),
      pair("EcdsaBenchmark", "jdkP256Verify", Map.of(), "bcVerify", Map.of("curve", "secp256r1"), Kind.PEER),
      pair("RsaBenchmark", "jdkSign", "bcSign", Kind.PEER),
      pair("RsaBenchmark", "jdkVerify", "bcVerify", Kind.PEER),
      pair("Secp256k1Benchmark", "sdkSign", NATIVE, "rawBindingSign", Map.of(), Kind.PEER),
      pair("Secp256k1Benchmark", "sdkVerify", NATIVE, "rawBindingVerify", Map.of(), Kind.PEER),
      pair("Secp256k1Benchmark", "sdkEcdh", NATIVE, "rawBindingPointMul", Map.of(), Kind.PEER),
      pair("Secp256k1Benchmark", "sdkSign", BC, "rawBcSign", Map.of(), Kind.PEER),
      pair("Secp256k1Benchmark", "sdkVerify", BC, "rawBcVerify", Map.of(), Kind.PEER),
      pair("Secp256k1Benchmark", "sdkEcdh", BC, "rawBcPointMul", Map.of(), Kind.PEER),
      pair("Secp256k1Benchmark", "sdkVerify", NATIVE, "bitcoinjVerify", Map.of(), Kind.PEER),
      pair("Secp256k1Benchmark", "sdkVerify", BC, "bitcoinjVerify", Map.of(), Kind.PEER),
      pair("HashBenchmark", "sdkSha256d", "rawMessageDigestSha256d", Kind.PEER),
      pair("ScriptVerifyBenchmark", "p2pkhSdk", "p2pkhBitcoinj", Kind.PEER),
      pair("ScriptVerifyBenchmark", "escrowSdk", "escrowBitcoinj", Kind.PEER),
      pair("HeaderHashBenchmark", "sdkScan", "naiveMessageDigest", Kind.PEER),
      pair("HeaderHashBenchmark", "sdkScan", "floorTwoOneBlockDigests", Kind.FLOOR),
      pair("BlockValidationBenchmark", "sdkSubmitBlock", Map.of("threads", "1"), "bitcoinjCorrectlySpends", Map.of(),
          Kind.PEER),
      pair("BlockValidationBenchmark", "sdkSubmitBlock", Map.of("threads", "2"), "sdkSubmitBlock",
          Map.of("threads", "1"), Kind.SCALING),
      pair("ProofOfWorkBenchmark", "sdkSearch1Thread:trials", "rawMessageDigestTrial", Kind.FLOOR),
      pair("ProofOfWorkBenchmark", "sdkSearch2Threads:trials", "sdkSearch1Thread:trials", Kind.SCALING),
      pair("TrialDecryptionBenchmark", "failedTrialDecryption", Map.of("identities", "1"), "bareMultiply", Map.of(),
          Kind.FLOOR),
      pair("MessageValidationBenchmark", "decodeAndCheck", "powCheckOnly", Kind.FLOOR),
      pair("SolarPositionBenchmark", "calculatorStep1s", "fullSpa", Kind.PEER),
      pair("DsoRegistryBenchmark", "lock", Map.of(), "floorAppendForce", Map.of("record", "LOCK"), Kind.FLOOR),
      pair("DsoRegistryBenchmark", "transfer", Map.of(), "floorAppendForce", Map.of("record", "TRANSFER"), Kind.FLOOR),
      pair("DsoRegistryBenchmark", "split", Map.of(), "floorAppendForce", Map.of("record", "SPLIT"), Kind.FLOOR),
      pair("DsoRegistryBenchmark", "lock", Map.of("wal", "DISK"), "lock", Map.of("wal", "TMPFS"), Kind.SCALING),
      pair("DsoRegistryBenchmark", "transfer", Map.of("wal", "DISK"), "transfer", Map.of("wal", "TMPFS"), Kind.SCALING),
      pair("DsoRegistryBenchmark", "split", Map.of("wal", "DISK"), "split", Map.of("wal", "TMPFS"), Kind.SCALING),
      pair("MessageRelayBenchmark", "relay", "floorDecodeAndCheck", Kind.FLOOR),
      pair("OfferMatchingBenchmark", "match", "floorSortPrices", Kind.FLOOR),
      pair("OfferMatchingBenchmark", "match", "peerSortOffers", Kind.PEER),
      pair("ChannelIncrementBenchmark", "increment", "floor", Kind.FLOOR),
      pair("ChannelIncrementBenchmark", "increment", NATIVE, "increment", BC, Kind.SCALING),
      pair("ChannelIncrementBenchmark", "hundredChannels", Map.of(), "increment", Map.of(), Kind.SCALING),
      pair("ChannelDurableBenchmark", "oneChannel", Map.of("store", "JOURNAL"), "oneChannel", Map.of("store", "FILE"),
          Kind.PEER),
      pair("ChannelEndToEndBenchmark", "increment", Map.of("pow", "DEFAULT"), "increment", Map.of("pow", "EASY"),
          Kind.SCALING),
      pair("NodePropagationBenchmark", "block", Map.of("inputs", "0"), "rawLoopbackRoundTrip",
          Map.of("kind", "BLOCK"), Kind.FLOOR),
      pair("NodePropagationBenchmark", "block", Map.of("inputs", "2000"), "rawLoopbackRoundTrip",
          Map.of("kind", "BLOCK_2000"), Kind.FLOOR),
      pair("NodePropagationBenchmark", "transaction", Map.of(), "rawLoopbackRoundTrip", Map.of("kind", "TX"),
          Kind.FLOOR),
      pair("NodePropagationBenchmark", "messageObject", Map.of(), "rawLoopbackRoundTrip", Map.of("kind", "OBJECT"),
          Kind.FLOOR),
      pair("NodeSyncBenchmark", "sync", Map.of("rateLimit", "unlimited"), "connectDirect", Map.of(), Kind.FLOOR),
      pair("NodeSyncBenchmark", "sync", Map.of("rateLimit", "default"), "sync", Map.of("rateLimit", "unlimited"),
          Kind.SCALING),
      pair("RpcThroughputBenchmark", "getblockcount1", "constant1", Kind.FLOOR),
      pair("RpcThroughputBenchmark", "getblockcount4", "constant4", Kind.FLOOR),
      pair("RpcThroughputBenchmark", "getblock1", "constant1", Kind.FLOOR),
      pair("RpcThroughputBenchmark", "getblock4", "constant4", Kind.FLOOR));

  /**
   * A place in the suite for benchmarks another branch brings: the report lists the slot as
   * pending until a class matching {@code classPattern} appears in a result.
   *
   * @param name what is measured
   * @param classPattern the benchmark classes that fill it
   * @param source where they come from
   * @param expected what each must be compared against
   */
  public record Slot(String name, Pattern classPattern, String source, String expected) {}

  /** The slots the issues ask for that no class fills yet: none since channels and the node landed. */
  public static final List<Slot> SLOTS = List.of();

  /**
   * One JMH run of a quick selection: the benchmarks matching {@code include} with {@code params}
   * restricting their parameters.
   *
   * @param include a JMH include regex
   * @param params parameter restrictions, values comma-separated
   */
  public record Selection(String include, Map<String, String> params) {
    /** Copies. */
    public Selection {
      Objects.requireNonNull(include, "include");
      params = Map.copyOf(params);
    }
  }

  /**
   * The quick mode's representative subset: the Table 3 replica (ECDSA on the 160-, 224- and
   * 256-bit curves, secp256k1 through the SDK, libsecp256k1 and bitcoinj, every RSA size), the
   * registry, relay and matching hot paths with their floors, and the native backend's trial
   * decryption (the messaging layer's costliest step), a channel increment (bare and durable) and
   * the node's RPC on one connection. With {@link #QUICK_TIMING} about 3 minutes on two cores; node
   * propagation and sync (seconds of set-up each) are left to the full mode.
   */
  public static final List<Selection> QUICK = List.of(
      new Selection("\\.EcdsaBenchmark\\.", Map.of("curve", "secp160r1,secp224r1,secp256r1,secp256k1")),
      new Selection("\\.RsaBenchmark\\.", Map.of()),
      new Selection("\\.(DsoRegistry|MessageRelay|OfferMatching)Benchmark\\.", Map.of()),
      new Selection("\\.TrialDecryptionBenchmark\\.(failedTrialDecryption|bareMultiply)$",
          Map.of("backend", "NATIVE", "identities", "1")),
      new Selection("\\.ChannelIncrementBenchmark\\.(increment|floor)$", Map.of("backend", "NATIVE")),
      new Selection("\\.ChannelDurableBenchmark\\.oneChannel$", Map.of("store", "JOURNAL")),
      new Selection("\\.RpcThroughputBenchmark\\.(getblockcount1|getblock1|constant1)$", Map.of()));

  /**
   * Iterations and times of a mode.
   *
   * @param forks JMH forks per benchmark
   * @param warmupIterations warm-up iterations
   * @param warmupMillis each warm-up iteration's length
   * @param iterations measured iterations
   * @param iterationMillis each measured iteration's length
   */
  public record Timing(int forks, int warmupIterations, long warmupMillis, int iterations, long iterationMillis) {}

  /**
   * The quick mode: one fork, 1 × 1 s warm-up (enough for the JIT to compile the curve arithmetic
   * on an idle machine, not under load), 3 × 0.5 s measured (JMH computes an error interval only
   * from three iterations on, and {@code compare} needs one to tell noise from a drop).
   */
  public static final Timing QUICK_TIMING = new Timing(1, 1, 1000, 3, 500);

  /** One line on what a concern measures, for the report's headings. */
  public static Optional<String> describe(String className) {
    return Optional.ofNullable(switch (className) {
      case "EcdsaBenchmark" -> "ECDSA sign and verify on the paper's curve sizes (Table 3)";
      case "RsaBenchmark" -> "RSA-SHA256 PKCS#1 v1.5 sign and verify at 1024/2048/4096 bits (Table 3)";
      case "Secp256k1Benchmark" -> "secp256k1 through the SDK against the raw libraries and bitcoinj";
      case "HashBenchmark" -> "double SHA-256 of a header";
      case "ScriptVerifyBenchmark" -> "script verification of P2PKH and 2-of-3 escrow inputs";
      case "HeaderHashBenchmark" -> "header hashing while mining";
      case "BlockValidationBenchmark" -> "block validation, inputs per second";
      case "UtxoBenchmark" -> "UTXO set connect and reorganisation (time per 10 blocks)";
      case "TemplateSelectionBenchmark" -> "block template selection (time per selection)";
      case "ProofOfWorkBenchmark" -> "Bitmessage proof of work, trials per second";
      case "TrialDecryptionBenchmark" -> "trial decryption of msg objects";
      case "MessageValidationBenchmark" -> "object decoding and validation";
      case "SolarPositionBenchmark" -> "solar position for the PV simulation";
      case "DsoRegistryBenchmark" -> "DSO registry operations with the write-ahead log, fsync on (DISK) and off (TMPFS)";
      case "MessageRelayBenchmark" -> "objects validated and forwarded by a messaging node";
      case "OfferMatchingBenchmark" -> "Algorithm 1 MATCH over 10,000 offers";
      case "ChannelIncrementBenchmark" -> "one Case 2 increment, transport excluded: sign, check, verify";
      case "ChannelDurableBenchmark" -> "a Case 2 increment with both sides' sealed snapshots saved first";
      case "ChannelEndToEndBenchmark" -> "a Case 2 increment end to end over priwatt-msg (time per increment)";
      case "NodePropagationBenchmark" -> "propagation per hop across nodes on loopback (time per hop)";
      case "NodeSyncBenchmark" -> "a fresh node syncing 10,000 regtest blocks from a peer (blocks per second)";
      case "RpcThroughputBenchmark" -> "JSON-RPC requests per second over HTTP keep-alive";
      default -> null;
    });
  }
}
