namespace OpenMosixBatch.Node.Execution;

/// <summary>What the node's launcher told of a task's end.</summary>
/// <param name="Record">The end record's text (<see cref="Core.Execution.ShepherdRecord"/>), or null when the launcher ended first.</param>
/// <param name="LaunchErrors">What the job's side printed before its exec: a launch failure's reason, empty on a good start.</param>
public sealed record LauncherEnd(string? Record, string LaunchErrors);
