package org.priwatt.node.role.internal;

import java.security.SecureRandom;
import org.priwatt.energy.EnergyException;
import org.priwatt.node.role.RoleAgent;
import org.priwatt.node.role.RoleConfig;

/**
 * Starts the agent of a configured role on a node's parts. The node's runtime calls it once the
 * chain, wallet and message node are open and before the P2P network starts, so the agent hears
 * every object the first peers send.
 */
public final class RoleAgents {
  private RoleAgents() {}

  /**
   * Starts the agent for {@code config} on {@code host}.
   *
   * @throws EnergyException if the role's files cannot be opened (a wrong passphrase, a damaged
   *     registry log) or the configuration cannot work (a PV system that produces nothing)
   */
  public static RoleAgent start(RoleHost host, RoleConfig config, SecureRandom random) throws EnergyException {
    RoleFiles files = RoleFiles.open(host, random);
    try {
      return switch (config.role()) {
        case DSO -> DsoAgent.start(host, config, files, random);
        case PROSUMER -> ProsumerAgent.start(host, config, files, random);
        case CONSUMER -> ConsumerAgent.start(host, config, files, random);
      };
    } catch (EnergyException | RuntimeException e) {
      files.close();
      throw e;
    }
  }
}
