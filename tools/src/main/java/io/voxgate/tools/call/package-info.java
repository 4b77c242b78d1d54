/**
 * {@code voxgate call}: a simulated Twilio Media Streams call against a running server. The caller's audio
 * ({@link io.voxgate.tools.call.CallerVoice}) goes out in real-time 20 ms frames, the reply audio is played on a
 * virtual Twilio playout ({@link io.voxgate.tools.call.VirtualPlayout}) that echoes marks and honours
 * {@code clear}, and {@link io.voxgate.tools.call.CallTimeline} prints what happened when.
 */
package io.voxgate.tools.call;
