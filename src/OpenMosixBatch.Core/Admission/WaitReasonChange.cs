namespace OpenMosixBatch.Core.Admission;

/// <summary>A waiting job's reason whose kind differs from the one last recorded for it: its new kind and text.</summary>
public readonly record struct WaitReasonChange(long JobId, WaitKind Kind, string Text);
