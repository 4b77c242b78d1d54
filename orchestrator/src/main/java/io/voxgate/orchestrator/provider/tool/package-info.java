/**
 * Server-side tools for {@code ExecuteTool} commands, answered with {@code ToolResult} events: tools executed
 * in-process ({@link io.voxgate.orchestrator.provider.tool.ServerTool}) and the assistant's HTTP tools
 * ({@link io.voxgate.orchestrator.provider.tool.HttpTool}).
 */
package io.voxgate.orchestrator.provider.tool;
