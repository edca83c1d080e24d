namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// The node table during one planning pass: each chosen move is applied here (demand and free memory on both
/// nodes), so every later decision of the pass sees it and no herd runs to one idle node.
/// </summary>
internal sealed class PlannerLedger
{
    private readonly Dictionary<string, PlannerNode> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _demand = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _free = new(StringComparer.Ordinal);

    public PlannerLedger(IReadOnlyList<PlannerNode> nodes, double lowWaterFraction)
    {
        foreach (var n in nodes)
        {
            // A name listed twice keeps its first entry: one rank reports one node.
            if (n is not null && n.Name is not null && _byName.TryAdd(n.Name, n))
            {
                _demand[n.Name] = Clean(n.RunnableDemand);
                _free[n.Name] = Math.Max(0, n.FreeMemoryBytes);
            }
        }

        Nodes = [.. _byName.Values.OrderBy(n => n.Name, StringComparer.Ordinal)];
        LowWaterFraction = lowWaterFraction;
    }

    /// <summary>The nodes in name order, so that every tie breaks the same way.</summary>
    public IReadOnlyList<PlannerNode> Nodes { get; }

    public double LowWaterFraction { get; }

    public bool TryGet(string name, out PlannerNode node) => _byName.TryGetValue(name, out node!);

    public double Demand(PlannerNode node) => _demand[node.Name];

    public long Free(PlannerNode node) => _free[node.Name];

    /// <summary>Free memory below which the node ushers tasks away and which no move may take a target under.</summary>
    public double LowWater(PlannerNode node) => LowWaterFraction * Math.Max(0, node.MemoryBytes);

    public bool IsShortOfMemory(PlannerNode node) => Free(node) < LowWater(node);

    /// <summary>True when the node may receive a migration at all: accepting, not being expelled, able to run something.</summary>
    public static bool CanReceive(PlannerNode node) =>
        node.AcceptsMigrations && !node.Expelling && node.Cpus > 0 && double.IsFinite(node.Speed) && node.Speed > 0;

    /// <summary>True when the task's memory fits on the node and leaves it at or above its low-water mark.</summary>
    public bool Fits(PlannerNode target, PlannerTask task) =>
        (double)Free(target) - Math.Max(0, task.MemoryBytes) >= LowWater(target);

    public void Move(PlannerTask task, PlannerNode from, PlannerNode to)
    {
        var demand = Clean(task.Demand);
        var memory = Math.Max(0, task.MemoryBytes);
        _demand[from.Name] = Math.Max(0, _demand[from.Name] - demand);
        _demand[to.Name] += demand;
        _free[from.Name] = SaturatingAdd(_free[from.Name], memory);
        _free[to.Name] = Math.Max(0, _free[to.Name] - memory);
    }

    internal static double Clean(double x) => double.IsFinite(x) && x > 0 ? Math.Min(x, 1e9) : 0;

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
