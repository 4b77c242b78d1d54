/**
 * Session logs as JSON lines (each applied event with its commands and resulting state) and the replayer that
 * checks a log reproduces exactly, reporting every difference.
 */
package io.voxgate.orchestrator.replay;
