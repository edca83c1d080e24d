namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Asks the writer to store the changes that waited for a commit (<see cref="WorkingSet.PutDeferred"/>) even when its
/// group changes nothing else: queued by the writer itself a short delay after such a change, and on a clean stop.
/// </summary>
internal sealed class FlushCommand : QueueCommand
{
    public override void Decide(WorkingSet working, DateTimeOffset now)
    {
    }

    public override void Complete(Exception? failure)
    {
    }
}
