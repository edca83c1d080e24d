using OpenMosixBatch.Cli;
using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Parsing;

var console = CliConsole.FromProcess();
var exitCode = await CliApp.RunAsync(InvokedName.Resolve(), args, console, ApiClientFactory.ForCurrentUser, CancellationToken.None);
await console.Out.FlushAsync();
return exitCode;
