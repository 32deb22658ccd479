package org.priwatt.node.rpc.internal;

import java.util.ArrayList;
import java.util.List;
import org.priwatt.node.rpc.RpcMethod;

/** Every built-in method, by group: what {@link org.priwatt.node.rpc.RpcServer} registers. */
public final class BuiltinMethods {
  private BuiltinMethods() {}

  /** The built-in methods working on {@code ctx}. */
  public static List<RpcMethod> all(RpcContext ctx) {
    List<RpcMethod> all = new ArrayList<>();
    all.addAll(ControlMethods.all(ctx));
    all.addAll(BlockchainMethods.all(ctx));
    all.addAll(RawTransactionMethods.all(ctx));
    all.addAll(MiningMethods.all(ctx));
    all.addAll(UtilMethods.all(ctx));
    all.addAll(NetworkMethods.all(ctx));
    all.addAll(WalletMethods.all(ctx));
    all.addAll(MessageMethods.all(ctx));
    all.addAll(MarketMethods.all(ctx));
    all.addAll(ChannelMethods.all(ctx));
    return all;
  }
}
