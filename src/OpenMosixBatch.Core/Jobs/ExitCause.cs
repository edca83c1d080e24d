namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// Why a task in E is being ended, which decides what its end report (or the loss of its node) makes of it. Set with
/// the task's <see cref="JobTask.Reason"/>, which stays the human text only: a rule reads this, never the text.
/// </summary>
/// <remarks>
/// A task drops it as it leaves E (its state and reason then say what became of it). Every path into E sets one: in
/// this build a task in E with <see cref="None"/> comes only from a record an older build wrote, and the store derives
/// its cause once as it reads it.
/// </remarks>
public enum ExitCause
{
    /// <summary>Not being ended by the scheduler: the task is not in E.</summary>
    None,

    /// <summary>qdel: its end, or the loss of its node, ends it deleted (X).</summary>
    Deletion,

    /// <summary>qrerun, or <c>omb node remove --now</c> of its node: its end, or the loss of its node, requeues it.</summary>
    Rerun,

    /// <summary>Its node is killing it for a limit (walltime, memory, CPU time): it ends failed (F) with the limit.</summary>
    Limit,
}
