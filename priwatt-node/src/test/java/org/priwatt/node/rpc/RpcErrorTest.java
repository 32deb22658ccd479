package org.priwatt.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every error code is Bitcoin Core's ({@code src/rpc/protocol.h}), by Core's name, and none is repeated. */
class RpcErrorTest {
  /** {@code RPCErrorCode} of Bitcoin Core 28's protocol.h (aliases omitted: they share these codes). */
  static final Map<String, Integer> PROTOCOL_H = new LinkedHashMap<>();

  static {
    PROTOCOL_H.put("INVALID_REQUEST", -32600);
    PROTOCOL_H.put("METHOD_NOT_FOUND", -32601);
    PROTOCOL_H.put("INVALID_PARAMS", -32602);
    PROTOCOL_H.put("INTERNAL_ERROR", -32603);
    PROTOCOL_H.put("PARSE_ERROR", -32700);
    PROTOCOL_H.put("MISC_ERROR", -1);
    PROTOCOL_H.put("TYPE_ERROR", -3);
    PROTOCOL_H.put("INVALID_ADDRESS_OR_KEY", -5);
    PROTOCOL_H.put("OUT_OF_MEMORY", -7);
    PROTOCOL_H.put("INVALID_PARAMETER", -8);
    PROTOCOL_H.put("DATABASE_ERROR", -20);
    PROTOCOL_H.put("DESERIALIZATION_ERROR", -22);
    PROTOCOL_H.put("VERIFY_ERROR", -25);
    PROTOCOL_H.put("VERIFY_REJECTED", -26);
    PROTOCOL_H.put("VERIFY_ALREADY_IN_CHAIN", -27);
    PROTOCOL_H.put("IN_WARMUP", -28);
    PROTOCOL_H.put("METHOD_DEPRECATED", -32);
    PROTOCOL_H.put("CLIENT_NOT_CONNECTED", -9);
    PROTOCOL_H.put("CLIENT_IN_INITIAL_DOWNLOAD", -10);
    PROTOCOL_H.put("CLIENT_NODE_ALREADY_ADDED", -23);
    PROTOCOL_H.put("CLIENT_NODE_NOT_ADDED", -24);
    PROTOCOL_H.put("CLIENT_NODE_NOT_CONNECTED", -29);
    PROTOCOL_H.put("CLIENT_INVALID_IP_OR_SUBNET", -30);
    PROTOCOL_H.put("CLIENT_P2P_DISABLED", -31);
    PROTOCOL_H.put("CLIENT_MEMPOOL_DISABLED", -33);
    PROTOCOL_H.put("CLIENT_NODE_CAPACITY_REACHED", -34);
    PROTOCOL_H.put("WALLET_ERROR", -4);
    PROTOCOL_H.put("WALLET_INSUFFICIENT_FUNDS", -6);
    PROTOCOL_H.put("WALLET_INVALID_LABEL_NAME", -11);
    PROTOCOL_H.put("WALLET_KEYPOOL_RAN_OUT", -12);
    PROTOCOL_H.put("WALLET_UNLOCK_NEEDED", -13);
    PROTOCOL_H.put("WALLET_PASSPHRASE_INCORRECT", -14);
    PROTOCOL_H.put("WALLET_WRONG_ENC_STATE", -15);
    PROTOCOL_H.put("WALLET_ENCRYPTION_FAILED", -16);
    PROTOCOL_H.put("WALLET_ALREADY_UNLOCKED", -17);
    PROTOCOL_H.put("WALLET_NOT_FOUND", -18);
    PROTOCOL_H.put("WALLET_NOT_SPECIFIED", -19);
    PROTOCOL_H.put("WALLET_ALREADY_LOADED", -35);
    PROTOCOL_H.put("WALLET_ALREADY_EXISTS", -36);
  }

  @Test
  void everyConstantIsCoresCodeUnderCoresName() {
    Map<String, Integer> ours = new LinkedHashMap<>();
    Map<Integer, RpcError> byCode = new HashMap<>();
    for (RpcError e : RpcError.values()) {
      ours.put(e.name(), e.code());
      assertThat(byCode.put(e.code(), e)).as("code %d used twice", e.code()).isNull();
    }
    assertThat(ours).containsExactlyInAnyOrderEntriesOf(PROTOCOL_H);
  }
}
