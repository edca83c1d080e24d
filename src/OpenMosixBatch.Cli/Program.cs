using OpenMosixBatch.Cli;
using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Parsing;

var invoked = InvokedName.Resolve();
if (ExecTaskCommand.Applies(invoked, args))
{
    // The node's task launcher: before any console set-up, since it hands this process over to the task.
    return ExecTaskCommand.Run(args, Console.OpenStandardInput(), Console.Error);
}

var console = CliConsole.FromProcess();
var exitCode = await CliApp.RunAsync(invoked, args, console, ApiClientFactory.ForCurrentUser, CancellationToken.None);
await console.Out.FlushAsync();
return exitCode;
