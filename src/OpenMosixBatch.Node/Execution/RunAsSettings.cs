namespace OpenMosixBatch.Node.Execution;

/// <summary>What the runner needs to decide as whom a task runs: the node's effective uid and Omb:Security:AllowRootJobs.</summary>
public sealed record RunAsSettings(uint NodeUid, bool AllowRootJobs)
{
    /// <summary>The settings of this process (its effective uid).</summary>
    public static RunAsSettings ForThisProcess(bool allowRootJobs) => new(UserAccounts.EffectiveUid(), allowRootJobs);
}
