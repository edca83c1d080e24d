using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Node.World;

/// <summary>Rank 0: the server's orders, routed to the rank of each order's node.</summary>
public sealed partial class NodeAgent
{
    /// <remarks>
    /// Orders that arrive together (an admission pass's starts) go to each rank as one message: whatever the stream
    /// holds is routed, then each rank's share is sent. A move is ordered only after what came before it went out, so it
    /// never overtakes the start of the task it moves.
    /// </remarks>
    private async Task RouteOrdersAsync(CancellationToken ct)
    {
        var byRank = new SortedDictionary<int, List<WorldOrder>>();
        try
        {
            var orders = link!.Orders;
            while (await orders.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (orders.TryRead(out var order))
                {
                    Route(order, byRank);
                }

                SendRouted(byRank);
            }
        }
        catch (OperationCanceledException)
        {
            // The world is stopping.
        }
        catch (InvalidOperationException)
        {
            // The world agreed to stop: nothing more goes out.
        }
    }

    private void SendRouted(SortedDictionary<int, List<WorldOrder>> byRank)
    {
        foreach (var (rank, orders) in byRank)
        {
            transport.Send(rank, RankTags.Order, orders.ToArray());
        }

        byRank.Clear();
    }

    /// <summary>Obeys an order for this rank, adds one for another rank to <paramref name="byRank"/>, or handles a world-wide one.</summary>
    private void Route(WorldOrder order, SortedDictionary<int, List<WorldOrder>> byRank)
    {
        OrderObserved?.Invoke(order);
        if (order.Kind == WorldOrderKind.Stop)
        {
            // Said in rank 0's next load, and the world stops on the tick after every rank has seen it.
            _stopOrdered = true;
            return;
        }

        if (order.Kind == WorldOrderKind.Tune)
        {
            return;
        }

        if (order.Kind == WorldOrderKind.Migrate)
        {
            SendRouted(byRank);
            MigrateOrdered(order);
            return;
        }

        var node = order.Kind == WorldOrderKind.Start ? (order.Nodes is { Count: > 0 } nodes ? nodes[0] : null) : order.Node;
        if (node is null || !TryRankOf(node, out var rank))
        {
            LogUnroutable(order.Kind, order.JobId, node ?? "?");
            if (order.Kind == WorldOrderKind.Start)
            {
                link!.Enqueue(new TaskEvent(TaskEventKind.Ended, order.JobId, order.TaskIndex, node ?? "?", time.GetUtcNow(), ExitStatus: 127,
                    Reason: $"node {node} is not in this world"));
            }
            else if (order is { Kind: WorldOrderKind.StartPart, Part: { } part })
            {
                link!.Enqueue(new TaskEvent(TaskEventKind.PartEnded, order.JobId, order.TaskIndex, node ?? "?", time.GetUtcNow(), ExitStatus: 255,
                    Reason: $"node {node} is not in this world") { PartId = part.PartId });
            }

            return;
        }

        if (rank == transport.Rank)
        {
            Obey(order);
        }
        else if (byRank.TryGetValue(rank, out var orders))
        {
            orders.Add(order);
        }
        else
        {
            byRank[rank] = [order];
        }
    }

    /// <summary>The rank of <paramref name="node"/> in the latest tick (a rank that has not reported yet has no node).</summary>
    private bool TryRankOf(string node, out int rank)
    {
        foreach (var load in _loads)
        {
            if (load.Rank >= 0 && string.Equals(load.Node, node, StringComparison.Ordinal))
            {
                rank = load.Rank;
                return true;
            }
        }

        rank = -1;
        return false;
    }
}
