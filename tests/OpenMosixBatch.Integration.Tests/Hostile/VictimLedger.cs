using System.Text.Json;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// The victim's own view of its jobs (<c>qstat -x --json</c> run as the victim), taken before and after an attack:
/// <see cref="AssertUnchangedSince"/> fails when a job was lost, added or changed in any field.
/// </summary>
public sealed class VictimLedger
{
    private VictimLedger(string json, int jobs)
    {
        Json = json;
        Jobs = jobs;
    }

    /// <summary>The listing as the victim's qstat printed it.</summary>
    public string Json { get; }

    public int Jobs { get; }

    public static async Task<VictimLedger> TakeAsync(HostileWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var r = await world.RunAsync(world.Victim, "qstat", "-x", "--json");
        Assert.True(r.ExitCode == 0, "qstat -x --json as the victim: " + r);
        using var doc = JsonDocument.Parse(r.Stdout);
        var jobs = doc.RootElement.GetProperty("jobs").GetArrayLength();
        return new VictimLedger(r.Stdout.Trim(), jobs);
    }

    /// <summary>Fails unless the victim's listing is what it was in <paramref name="before"/>, to the byte.</summary>
    public void AssertUnchangedSince(VictimLedger before)
    {
        ArgumentNullException.ThrowIfNull(before);
        Assert.True(before.Jobs > 0, "the victim had no job to lose: the ledger proves nothing");
        Assert.True(Json == before.Json, $"the victim's jobs changed:\nbefore: {before.Json}\nafter:  {Json}");
    }
}
