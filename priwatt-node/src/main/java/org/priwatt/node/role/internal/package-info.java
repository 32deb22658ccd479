/**
 * The role agents on a running node: the DSO agent around the energy module's registry and
 * service, the prosumer and consumer agents driving its trade sessions, the meter link between
 * them, and the role's files in the data directory. Never used outside the node module.
 */
package org.priwatt.node.role.internal;
