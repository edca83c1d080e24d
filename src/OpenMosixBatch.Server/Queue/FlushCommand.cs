namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Asks the writer to store the changes kept in memory (<see cref="WorkingSet.PutUnsaved"/>) that waited long enough,
/// or all of them with <paramref name="all"/>, even when its group changes nothing else: queued by the writer itself
/// <see cref="JobQueue.UnsavedStartLimit"/> after such a change, and on a clean stop.
/// </summary>
internal sealed class FlushCommand(bool all) : QueueCommand
{
    public bool All => all;

    public override void Decide(WorkingSet working, DateTimeOffset now)
    {
    }

    public override void Complete(Exception? failure)
    {
    }
}
