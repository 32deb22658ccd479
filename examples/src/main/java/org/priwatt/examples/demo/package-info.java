/** The end-to-end Case 1 demonstration behind {@code priwatt demo}: a reusable scenario with its world, report and narrator. */
package org.priwatt.examples.demo;
