namespace OpenMosixBatch.Node.Execution;

/// <summary>What the runner needs to decide as whom a task runs: the node's effective uid and Omb:Security:AllowRootJobs.</summary>
public sealed record RunAsSettings(uint NodeUid, bool AllowRootJobs)
{
    /// <summary>022, the usual login umask: a task's, unless the rank says otherwise.</summary>
    public const UnixFileMode CommonUmask = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>The umask a task starts with: the one its rank was started with (the rank's own is 077).</summary>
    public UnixFileMode TaskUmask { get; init; } = CommonUmask;

    /// <summary>The settings of this process (its effective uid).</summary>
    public static RunAsSettings ForThisProcess(bool allowRootJobs) => new(UserAccounts.EffectiveUid(), allowRootJobs);
}
