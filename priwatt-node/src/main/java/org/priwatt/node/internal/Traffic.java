package org.priwatt.node.internal;

/** Where a peer reports the frames it sends and receives. */
interface Traffic {
  void sent(String command, int bytes);

  void received(String command, int bytes);
}
