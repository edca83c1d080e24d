using System.Globalization;
using OpenMosixBatch.Core.Admission;

namespace OpenMosixBatch.Simulation;

/// <summary>One row of an <c>omb simulate</c> comparison: thresholds in percent, queue order and backfill.</summary>
public sealed record SimulationSetting(double CpuPercent, double MemoryPercent, QueueOrder Order, BackfillRule Backfill)
{
    /// <summary>The policy this row runs, from the server's other settings (<paramref name="server"/>: utilisation mode, queues).</summary>
    public SimulationPolicy Policy(AdmissionSettings server, bool pinHead)
    {
        ArgumentNullException.ThrowIfNull(server);
        var thresholds = new AdmissionThresholds(CpuPercent / 100, MemoryPercent / 100);
        var admission = server with
        {
            Default = thresholds,
            Queues = new Dictionary<string, AdmissionThresholds>(),   // trace jobs all go to one queue, which these thresholds govern
            Order = Order,
            Backfill = Backfill == BackfillRule.Easy ? BackfillMode.Easy : BackfillMode.None,
        };
        return new SimulationPolicy(admission, Backfill == BackfillRule.Greedy, pinHead);
    }

    public string OrderName => Order == QueueOrder.Sjf ? "sjf" : "fcfs";

    public string BackfillName => Backfill.ToString().ToLowerInvariant();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cpu {CpuPercent}% mem {MemoryPercent}% {OrderName} {BackfillName}");
}
