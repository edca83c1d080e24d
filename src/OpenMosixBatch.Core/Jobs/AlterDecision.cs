namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// The decision of a <c>qalter</c>: the job after it and its event, or why it was refused. <see cref="BadInput"/>
/// tells a request the submission would refuse too (exit 2) from one the job's state or the caller forbids (exit 1).
/// </summary>
/// <param name="Transition">The change, or its refusal.</param>
/// <param name="BadInput">True when the refusal is of the new values themselves.</param>
/// <param name="LimitsChanged">True when a started job's walltime or cput changed, so that its nodes must be told.</param>
public sealed record AlterDecision(JobTransition Transition, bool BadInput = false, bool LimitsChanged = false)
{
    public static AlterDecision Refused(string why) => new(JobTransition.Refused(why));

    public static AlterDecision Invalid(string why) => new(JobTransition.Refused(why), BadInput: true);
}
