/**
 * The voxgate command line.
 */
package io.voxgate.tools;
