using OpenMosixBatch.Cli;
using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Fast;
using OpenMosixBatch.Cli.Parsing;

// omb: a plain qsub is submitted here; every other command, and any qsub this image does not read, is the full CLI's
// (omb-cli, exec'd with the same argv).
var invoked = InvokedName.Resolve();
// It prints a job id (anything longer is the full CLI's, or one line on stderr): a small output buffer.
var console = CliConsole.FromProcess(outputBufferBytes: 1024);
var outcome = QsubFastPath.Run(invoked, args, console, ApiClientFactory.ForCurrentUser);
if (outcome.ExitCode is { } exitCode)
{
    console.Out.Flush();
    return exitCode;
}

return FullCli.Exec(invoked, args, outcome.ReplayStdin, console);
