namespace OpenMosixBatch.Core.Jobs;

/// <summary>A completed move of a task between nodes, as <c>qstat -f</c> shows it.</summary>
/// <param name="From">The node it left.</param>
/// <param name="To">The node it runs on now.</param>
/// <param name="Bytes">Size of the checkpoint that carried it.</param>
/// <param name="Cost">Measured cost: its Started time on <paramref name="To"/> minus the time the move was ordered.</param>
/// <param name="Time">When it started on <paramref name="To"/>.</param>
public sealed record TaskMigration(string From, string To, long Bytes, TimeSpan Cost, DateTimeOffset Time);
