using OpenMosixBatch.Core.Membership;

namespace OpenMosixBatch.Server.Cluster;

/// <summary><c>omb node reload</c> and SIGHUP: conf/cluster.json read again and compared with the membership.</summary>
public sealed partial class MembershipService
{
    /// <summary>Reads conf/cluster.json again: its new nodes join, the nodes it no longer lists leave.</summary>
    /// <returns>One line per change.</returns>
    /// <exception cref="InvalidDataException">The file is wrong (one line naming the problem): nothing changed.</exception>
    public async Task<IReadOnlyList<string>> ReloadAsync()
    {
        var (joining, leaving, changed) = membership.Compare(configuration.ReadNodes());
        var changes = new List<string>();
        foreach (var n in joining)
        {
            var step = await RequestAsync(n.Name, MembershipEvent.Of(MembershipEventKind.AddRequested), n, configured: true).ConfigureAwait(false);
            changes.Add(MembershipText.Change(n.Name, step, MembershipEventKind.AddRequested));
        }

        foreach (var name in leaving)
        {
            var step = await RequestAsync(name, MembershipEvent.Of(MembershipEventKind.RemoveRequested)).ConfigureAwait(false);
            changes.Add(MembershipText.Change(name, step, MembershipEventKind.RemoveRequested));
        }

        foreach (var n in changed)
        {
            var step = await RequestAsync(n.Name, MembershipEvent.Of(MembershipEventKind.CapacityChanged), n, configured: true).ConfigureAwait(false);
            changes.Add(MembershipText.Change(n.Name, step, MembershipEventKind.CapacityChanged));
        }

        LogReloaded(joining.Count, leaving.Count, changed.Count);
        return changes;
    }

    private async Task ReloadLoggedAsync()
    {
        try
        {
            foreach (var line in await ReloadAsync().ConfigureAwait(false))
            {
                LogReloadChange(line);
            }
        }
        catch (InvalidDataException e)
        {
            LogReloadFailed(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogNotStored(e.Message.ReplaceLineEndings(" "));
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
    }
}
