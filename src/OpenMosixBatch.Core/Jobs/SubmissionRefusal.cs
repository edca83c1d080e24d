namespace OpenMosixBatch.Core.Jobs;

/// <summary>A refused submission: its <paramref name="Kind"/> (counted by) and the one line naming the problem and the fix.</summary>
public readonly record struct SubmissionRefusal(SubmissionRefusalKind Kind, string Text);
