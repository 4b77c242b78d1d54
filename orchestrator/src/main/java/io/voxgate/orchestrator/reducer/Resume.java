package io.voxgate.orchestrator.reducer;

/**
 * What a false interruption resumes: the interrupted run's turn, and either its unheard text (the LLM had finished)
 * or the LLM step to continue from (it had not).
 *
 * @param turn        the interrupted run's turn.
 * @param lastStep    the interrupted run's last LLM step.
 * @param needsLlm    whether the reply was still being generated (resume asks the LLM to continue).
 * @param unheardText the generated text the caller did not hear (spoken again when {@code needsLlm} is false).
 */
record Resume(int turn, int lastStep, boolean needsLlm, String unheardText)
{
}
