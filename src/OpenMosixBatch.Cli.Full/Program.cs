using OpenMosixBatch.Cli;
using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Parsing;

var invoked = InvokedName.Resolve();
var console = CliConsole.FromProcess();
var exitCode = await CliApp.RunAsync(invoked, args, console, ApiClientFactory.ForCurrentUser, CancellationToken.None);
// Flush, not FlushAsync: a console stream's asynchronous write runs on a thread-pool thread that a short command
// would otherwise never start.
console.Out.Flush();
return exitCode;
