namespace OpenMosixBatch.Core.Admission;

/// <summary>Whether a job that cannot start may be overtaken by later jobs that fit.</summary>
public enum BackfillMode
{
    /// <summary>
    /// The first blocked job gets a reservation from the running tasks' walltimes; a later job starts only if its own
    /// walltime ends it by then, or, when no reservation can be computed, whenever it fits (the default).
    /// </summary>
    Easy,

    /// <summary>Strict order: once a job cannot start, no later job starts in the same pass.</summary>
    None,
}
