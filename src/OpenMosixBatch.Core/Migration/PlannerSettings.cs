namespace OpenMosixBatch.Core.Migration;

/// <summary>What the migration planner needs besides the loads: the tunables and the anti-thrashing knobs.</summary>
/// <param name="Overheads">The 14 openMosix overheads.</param>
/// <param name="MfsCosts">The 6 oMFS transfer costs.</param>
public sealed record PlannerSettings(Overheads Overheads, MfsCosts MfsCosts)
{
    /// <summary>A move must gain a quarter more than it costs, so measurement noise does not bounce tasks.</summary>
    public const double DefaultHysteresis = 0.25;

    /// <summary>Below 10% free memory a node starts ushering tasks away, before the kernel starts swapping.</summary>
    public const double DefaultMemoryLowWaterFraction = 0.10;

    /// <summary>At most 4 migrations start per tick, so checkpoints do not flood the interconnect at once.</summary>
    public const int DefaultMaxMovesPerTick = 4;

    /// <summary>A node takes one task per plan for CPU gain (see <see cref="MaxGainArrivalsPerNode"/>).</summary>
    public const int DefaultMaxGainArrivalsPerNode = 1;

    /// <summary>A task waits 2 minutes after a move before it may move again.</summary>
    public static readonly TimeSpan DefaultCoolDown = TimeSpan.FromMinutes(2);

    /// <summary>The FAQ tunables and the default knobs.</summary>
    public static PlannerSettings Defaults { get; } = new(Overheads.Defaults, MfsCosts.Defaults);

    /// <summary>Migrate only when gain &gt; cost × (1 + hysteresis); negative values count as 0.</summary>
    public double Hysteresis { get; init; } = DefaultHysteresis;

    /// <summary>Time a task must wait after its last move before a gain or ushering move (expel ignores it).</summary>
    public TimeSpan CoolDown { get; init; } = DefaultCoolDown;

    /// <summary>
    /// Free-memory low-water mark as a fraction of a node's memory (0..1): below it the node ushers tasks away, and no
    /// move may leave a target below it.
    /// </summary>
    public double MemoryLowWaterFraction { get; init; } = DefaultMemoryLowWaterFraction;

    /// <summary>Most moves one plan proposes (expel moves count too).</summary>
    public int MaxMovesPerTick { get; init; } = DefaultMaxMovesPerTick;

    /// <summary>
    /// Most tasks one plan sends to one node for CPU gain (expel and ushering moves are not limited). What a node will
    /// deliver to its new tasks is known only once its next load is measured (it may share cores with another node or
    /// with work outside the batch system), so the planner fills it one task per tick, not a whole herd on one guess.
    /// </summary>
    public int MaxGainArrivalsPerNode { get; init; } = DefaultMaxGainArrivalsPerNode;
}
