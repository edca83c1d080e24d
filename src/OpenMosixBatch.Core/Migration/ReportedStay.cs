namespace OpenMosixBatch.Core.Migration;

/// <summary>The stay last reported to the server for a task, and when (see <see cref="StayReasons"/>).</summary>
/// <param name="Stay">What was reported.</param>
/// <param name="Sent">When.</param>
public readonly record struct ReportedStay(TaskStay Stay, DateTimeOffset Sent);
