using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Simulation;

/// <summary>
/// <c>--conf conf/omb.json</c>: the admission settings of a server configuration (<c>Omb:Admission</c>), so that a
/// simulation runs what that server would: thresholds of the default queue (<c>batch</c>), utilisation mode, order, backfill.
/// </summary>
public static class ServerAdmissionConf
{
    /// <summary>The settings and the default queue's thresholds in percent; values absent from the file keep the server's defaults.</summary>
    public static (AdmissionSettings Settings, double CpuPercent, double MemoryPercent) Read(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var admission = doc.RootElement.TryGetProperty("Omb", out var omb) && omb.TryGetProperty("Admission", out var a) ? a : default;
            double cpu = Number(admission, "CpuThreshold", path) ?? 90, memory = Number(admission, "MemoryThreshold", path) ?? 85;
            if (admission.ValueKind == JsonValueKind.Object && admission.TryGetProperty("Queues", out var queues) && queues.TryGetProperty("batch", out var batch))
            {
                cpu = Number(batch, "CpuThreshold", path) ?? cpu;
                memory = Number(batch, "MemoryThreshold", path) ?? memory;
            }

            var mode = Text(admission, "Utilization") switch
            {
                null or "max" => UtilizationMode.Max,
                "allocated" => UtilizationMode.Allocated,
                "measured" => UtilizationMode.Measured,
                var other => throw Bad(path, $"Omb:Admission:Utilization is '{other}': use allocated, measured or max"),
            };
            var order = AdmissionNames.ParseOrder(Text(admission, "Order") ?? "fcfs") ?? throw Bad(path, $"Omb:Admission:Order is '{Text(admission, "Order")}': use fcfs or sjf");
            var backfill = AdmissionNames.ParseBackfill(Text(admission, "Backfill") ?? "easy") ?? throw Bad(path, $"Omb:Admission:Backfill is '{Text(admission, "Backfill")}': use easy or none");
            var settings = new AdmissionSettings(new AdmissionThresholds(cpu / 100, memory / 100), new Dictionary<string, AdmissionThresholds>(), mode) { Order = order, Backfill = backfill };
            return (settings, cpu, memory);
        }
        catch (JsonException e)
        {
            throw Bad(path, e.Message + ": fix the JSON");
        }
    }

    private static double? Number(JsonElement e, string name, string path) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Bad(path, string.Create(CultureInfo.InvariantCulture, $"{name} is {v.GetRawText()}: write a number of percent"))
            : null;

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static InvalidDataException Bad(string path, string what) => new($"bad configuration {path}: {what}");
}
