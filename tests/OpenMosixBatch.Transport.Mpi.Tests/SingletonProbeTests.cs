using System.Diagnostics;
using System.Text.Json;

namespace OpenMosixBatch.Transport.Mpi.Tests;

[Trait("Category", "Mpi")]
[Collection(MpiexecWorld.CollectionName)]
public sealed class SingletonProbeTests
{
    [Fact]
    public async Task Pump_WithoutMpiexec_RunsAsSingletonWorld()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { MpiexecWorld.ProbePath, "pump", "--stop-after-ticks", "2", "--tick-ms", "50", "--bulk-bytes", "1000" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}; stderr: {await stderr}");
            var summary = (await stdout).Split('\n').Single(l => l.StartsWith('{'));
            using var json = JsonDocument.Parse(summary);
            Assert.Equal(1, json.RootElement.GetProperty("size").GetInt32());
            Assert.Single(json.RootElement.GetProperty("hellos").EnumerateArray());
            Assert.True(json.RootElement.GetProperty("ticks").GetArrayLength() >= 2);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
