using OpenMosixBatch.Cli;
using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Parsing;

var invoked = InvokedName.Resolve();
var console = CliConsole.FromProcess();
var exitCode = await CliApp.RunAsync(invoked, args, console, ApiClientFactory.ForCurrentUser, CancellationToken.None);
await console.Out.FlushAsync();
return exitCode;
