/**
 * Server-side tools executed in-process for {@code ExecuteTool} commands, answered with {@code ToolResult} events.
 */
package io.voxgate.orchestrator.provider.tool;
