package org.priwatt.node;

import java.nio.file.Path;

/**
 * Starts one node process from a properties file ({@link NodeProperties}): {@code java
 * org.priwatt.node.NodeLauncher node.properties}. It takes no options of its own: the
 * {@code priwatt node} command is the user's way to start a node; this entry point is for
 * scripts and tests that start node processes. Prints one line {@code priwatt-node ready
 * p2p=HOST:PORT height=H} (with {@code rpc=HOST:PORT} when it serves RPC) on standard output
 * once the node runs (and, for a node with a role, {@code priwatt-node role=R dso=BM-...
 * dso-key=HEX}, a prosumer adding {@code meter-key=HEX}), and stops it cleanly on SIGTERM, SIGINT or the RPC's {@code stop}. Exit
 * status: 0 once stopped, 2 for a wrong invocation or configuration, 1 if the node cannot start.
 */
public final class NodeLauncher {
  private NodeLauncher() {}

  /** Runs a node until the process is told to stop. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: NodeLauncher <node.properties>");
      System.exit(2);
    }
    NodeConfig config;
    try {
      config = NodeProperties.load(Path.of(args[0]));
    } catch (NodeException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Node node = Node.create(config);
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "priwatt-node-shutdown"));
    try {
      node.start();
    } catch (NodeException e) {
      System.err.println("cannot start: " + e.getMessage());
      node.close();
      System.exit(1);
      return;
    }
    String p2p = node.p2pAddress().map(a -> a.getHostString() + ":" + a.getPort()).orElse("none");
    String rpc = node.rpcAddress().map(a -> " rpc=" + a.getHostString() + ":" + a.getPort()).orElse("");
    System.out.println("priwatt-node ready p2p=" + p2p + " height=" + node.chain().height() + rpc);
    node.role().ifPresent(r -> System.out.println("priwatt-node role=" + r.role().id() + " dso=" + r.dsoAddress()
        + " dso-key=" + org.priwatt.crypto.Hex.encode(r.dsoKey().encoded())
        + r.meterKey().map(k -> " meter-key=" + org.priwatt.crypto.Hex.encode(k.encoded())).orElse("")));
    System.out.flush();
    node.awaitClose();
    System.exit(0);
  }
}
