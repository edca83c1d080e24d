namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// Decides which running tasks migrate on one rebalancing tick, by the openMosix cost model of DESIGN §6. Pure: the
/// same inputs give the same plan, whatever their order; time comes in as <c>now</c>.
/// </summary>
/// <remarks>
/// <para>Units: every gain, cost and time is in microseconds (double); rates are dimensionless.</para>
/// <para>Order of the pass, each step greedy best-first with the loads updated after every chosen move:</para>
/// <list type="number">
/// <item>expel: migratable tasks on an expelling node go to the node that runs them best, regardless of gain and
/// cool-down;</item>
/// <item>memory ushering: a node below its free-memory low-water mark sends its largest tasks to the least-loaded
/// node with room until it is back above the mark, regardless of gain;</item>
/// <item>CPU gain: a task moves when gain &gt; cost × (1 + hysteresis), the largest net gain first.</item>
/// </list>
/// <para>
/// Never moved: non-migratable tasks, tasks in their cool-down (except by expel), tasks already moved in this plan.
/// Never a target: a node that does not accept migrations, is being expelled, has no CPUs or speed, or would be left
/// below its low-water mark by the task's memory. At most <see cref="PlannerSettings.MaxMovesPerTick"/> moves.
/// </para>
/// <para>
/// A task whose node is not in <c>nodes</c> is left alone with a reason. Tasks of a node that is down should not be
/// passed (they cannot checkpoint); a task listed twice counts once (its first entry).
/// </para>
/// </remarks>
public static class MigrationPlanner
{
    /// <summary>Plans the moves of one tick.</summary>
    /// <param name="nodes">Every node with its current load.</param>
    /// <param name="tasks">Every running task.</param>
    /// <param name="settings">Tunables and knobs.</param>
    /// <param name="now">The tick's time, for cool-downs.</param>
    public static MigrationPlan Plan(
        IReadOnlyList<PlannerNode> nodes,
        IReadOnlyList<PlannerTask> tasks,
        PlannerSettings settings,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(settings);
        return new PlanningPass(nodes, tasks, settings, now).Run();
    }
}
