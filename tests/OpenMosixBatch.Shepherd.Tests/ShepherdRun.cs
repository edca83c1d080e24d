using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Shepherd.Tests;

/// <summary>One run of the real omb-shepherd built beside these tests: what it printed, its exit code, its records.</summary>
internal sealed class ShepherdRun
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private ShepherdRun(Process process, string record)
    {
        Process = process;
        Record = record;
    }

    public static string Program => Path.Combine(AppContext.BaseDirectory, "omb-shepherd");

    public Process Process { get; }

    public string Record { get; }

    /// <summary>What it printed on stdout: the job's PID, or nothing when it refused.</summary>
    public string Output { get; private set; } = "";

    public string Errors { get; private set; } = "";

    public int ExitCode => Process.ExitCode;

    public int JobPid => int.Parse(Output.Trim(), CultureInfo.InvariantCulture);

    public string? EndText => File.Exists(Record + ShepherdRecord.EndSuffix) ? File.ReadAllText(Record + ShepherdRecord.EndSuffix) : null;

    public TaskEnd? End => EndText is { } text ? ShepherdRecord.ParseEnd(text) : null;

    public static ShepherdRun Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string record)
    {
        var info = new ProcessStartInfo(Program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + Program);
        try
        {
            process.StandardInput.BaseStream.Write(EnvironmentBlock.Encode(environment));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It refused its arguments before reading the environment, as the node's writer also allows.
        }

        return new ShepherdRun(process, record);
    }

    /// <summary>Reads the PID line only, leaving the shepherd running.</summary>
    public int ReadJobPid()
    {
        Output = Process.StandardOutput.ReadLine() ?? "";
        return JobPid;
    }

    public async Task<ShepherdRun> WaitAsync()
    {
        var output = Process.StandardOutput.ReadToEndAsync();
        var errors = Process.StandardError.ReadToEndAsync();
        await Process.WaitForExitAsync().WaitAsync(Deadline);
        Output += await output.WaitAsync(Deadline);
        Errors = await errors.WaitAsync(Deadline);
        return this;
    }
}
