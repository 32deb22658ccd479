/**
 * The energy roles a node runs ({@code --role dso|prosumer|consumer}): the DSO's registry and
 * service, a prosumer metering simulated PV and selling certified offers, a consumer matching and
 * buying them with the node's wallet (paper §3.1, Case 1). {@link org.priwatt.node.role.RoleConfig}
 * says what a role needs, {@link org.priwatt.node.role.RoleAgent} is the running role as the
 * node and its RPC server see it; the agents themselves live in the {@code internal} package.
 */
package org.priwatt.node.role;
